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

#include "alarm.h"
#include "arch.h"
#include "pd.h"

#define TICK_HZ  100 // round-robin slice: 10 ms

struct pd *current;

struct pd *sched_head[NPRIO], *sched_tail[NPRIO];
uint64_t sched_map[NPRIO / 64];
unsigned sched_summary;
bool sched_tick_armed;

// The time slice: the PD that holds it and when it ends. A PD that leaves
// the CPU for a moment (a call to a higher PD, a preemption) and comes back
// keeps the rest of its slice, so it cannot starve its equals by calling
// often: only sched_tick hands a fresh slice to the next PD.
static struct pd *slice_pd;
static uint64_t slice_end;

// The deadline the hardware timer is set for, or UINT64_MAX: the earlier of
// the slice's end (while the tick is armed) and the next alarm.
static uint64_t timer_at;

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
        sched_head[i] = sched_tail[i] = NULL;
    for (unsigned i = 0; i < ARRAY_SIZE(sched_map); i++)
        sched_map[i] = 0;
    sched_summary = 0;
    current = NULL;
    sched_tick_armed = false;
    slice_pd = NULL;
    timer_at = UINT64_MAX;
    alarm_next = UINT64_MAX;
}

int
sched_top(void)
{
    for (int i = ARRAY_SIZE(sched_map) - 1; i >= 0; i--) {
        if (sched_map[i])
            return i * 64 + msb(sched_map[i]);
    }
    return -1;
}

// Priority p's queue may have become empty: keep the map true.
static void
unmark_if_empty(unsigned p)
{
    if (sched_head[p])
        return;
    sched_tail[p] = NULL;
    sched_map[p / 64] &= ~(1UL << (p % 64));
    if (!sched_map[p / 64])
        sched_summary &= ~(1U << (p / 64));
}

static struct pd *
dequeue(unsigned p)
{
    struct pd *pd = sched_head[p];

    sched_head[p] = pd->next;
    unmark_if_empty(p);
    pd->next = NULL;
    return pd;
}


void
sched_timer_program(void)
{
    uint64_t at = alarm_next;

    if (sched_tick_armed && slice_end < at)
        at = slice_end;
    if (at == timer_at)
        return;
    timer_at = at;
    if (at == UINT64_MAX) {
        arch_timer_disarm();
    } else {
        uint64_t now = arch_time();

        arch_timer_arm(at > now ? at - now : 1);
    }
}

// Keep the tick armed exactly while `current` shares its priority with a queued PD.
static void
tick_update(void)
{
    bool need = current && sched_head[current->prio];

    if (need == sched_tick_armed)
        return;
    if (need && slice_pd != current) {
        slice_pd = current;
        slice_end = arch_time() + arch_timer_hz() / TICK_HZ;
    }
    sched_tick_armed = need;
    sched_timer_program();
}

void
sched_remove(struct pd *pd)
{
    unsigned p = pd->prio;
    struct pd *prev = NULL;

    for (struct pd *q = sched_head[p]; q; prev = q, q = q->next) {
        if (q != pd)
            continue;
        if (prev)
            prev->next = q->next;
        else
            sched_head[p] = q->next;
        if (sched_tail[p] == q)
            sched_tail[p] = prev;
        unmark_if_empty(p);
        pd->next = NULL;
        return;
    }
    panic("sched_remove: runnable PD not in the run queue");
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
sched_timer(void)
{
    uint64_t now = arch_time();

    timer_at = UINT64_MAX; // the one-shot timer has fired
    alarm_expire(now);
    if (sched_tick_armed && now >= slice_end)
        sched_tick();
    else
        sched_timer_program();
}

void
sched_tick(void)
{
    timer_at = UINT64_MAX;    // the one-shot timer has fired
    sched_tick_armed = false;
    slice_pd = NULL;          // whoever runs next starts a fresh slice
    if (current && current->state == PD_RUNNABLE && sched_head[current->prio]) {
        struct pd *pd = current;

        current = dequeue(pd->prio);
        sched_ready(pd);
    }
    tick_update();
    sched_timer_program(); // an alarm may still be due
}
