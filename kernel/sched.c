// SPDX-License-Identifier: BSD-2-Clause
//
// The run queue: one FIFO per priority and a 256-bit map of non-empty
// priorities, so finding the highest runnable PD is a few word tests and no
// scan of the PD table. The running PD is kept out of the queue (seL4's
// "Benno scheduling"), so a direct switch from caller to callee touches no
// queue at all.
//
// The tick is armed only while the running PD has a runnable equal: a system
// with one PD per priority never takes a timer interrupt.
#include "sched.h"

#include "arch.h"
#include "pd.h"

#define NPRIO    256
#define TICK_HZ  100 // round-robin slice: 10 ms

struct pd *current;

static struct pd *head[NPRIO], *tail[NPRIO];
static uint64_t map[NPRIO / 64];
static bool tick_armed;

// Index of the highest set bit of a non-zero word (RV64 has no clz without Zbb).
static int
msb(uint64_t w)
{
    int n = 0;

    for (int s = 32; s > 0; s >>= 1) {
        if (w >> s) {
            w >>= s;
            n += s;
        }
    }
    return n;
}

void
sched_init(void)
{
    for (unsigned i = 0; i < NPRIO; i++)
        head[i] = tail[i] = NULL;
    for (unsigned i = 0; i < ARRAY_SIZE(map); i++)
        map[i] = 0;
    current = NULL;
    tick_armed = false;
}

int
sched_top(void)
{
    for (int i = ARRAY_SIZE(map) - 1; i >= 0; i--) {
        if (map[i])
            return i * 64 + msb(map[i]);
    }
    return -1;
}

void
sched_ready(struct pd *pd)
{
    unsigned p = pd->prio;

    ASSERT(pd->state == PD_RUNNABLE && pd != current);
    pd->next = NULL;
    if (tail[p])
        tail[p]->next = pd;
    else
        head[p] = pd;
    tail[p] = pd;
    map[p / 64] |= 1UL << (p % 64);
}

void
sched_ready_front(struct pd *pd)
{
    unsigned p = pd->prio;

    ASSERT(pd->state == PD_RUNNABLE && pd != current);
    pd->next = head[p];
    head[p] = pd;
    if (!tail[p])
        tail[p] = pd;
    map[p / 64] |= 1UL << (p % 64);
}

static struct pd *
dequeue(unsigned p)
{
    struct pd *pd = head[p];

    head[p] = pd->next;
    if (!head[p]) {
        tail[p] = NULL;
        map[p / 64] &= ~(1UL << (p % 64));
    }
    pd->next = NULL;
    return pd;
}

// Keep the tick armed exactly while `current` shares its priority with a queued PD.
static void
tick_update(void)
{
    bool need = current && head[current->prio];

    if (need && !tick_armed)
        arch_timer_arm(arch_timer_hz() / TICK_HZ);
    else if (!need && tick_armed)
        arch_timer_disarm();
    tick_armed = need;
}

struct pd *
sched_choose(void)
{
    int top = sched_top();

    if (current && current->state == PD_RUNNABLE) {
        if (top > (int)current->prio) {
            struct pd *preempted = current;

            current = dequeue(top);
            sched_ready_front(preempted); // it keeps its turn among its equals
        }
    } else {
        current = top >= 0 ? dequeue(top) : NULL;
    }
    tick_update();
    return current;
}

void
sched_tick(void)
{
    tick_armed = false; // the one-shot timer has fired
    if (current && current->state == PD_RUNNABLE && head[current->prio]) {
        struct pd *pd = current;

        current = dequeue(pd->prio);
        sched_ready(pd);
    }
    tick_update();
}
