// SPDX-License-Identifier: BSD-2-Clause
//
// Fixed-priority preemptive scheduling, 0..254, round robin among equals on a
// timer tick. The running PD (`current`) is never in the run queue.
#pragma once

#include "cpu.h"
#include "kernel.h"
#include "pd.h"

// Each of these is the running core's (cpu.h).
//
// The PD running (never in the run queue).
#define current (this_cpu()->cur)

// The run queue: a FIFO per priority (linked through pd->next).
#define sched_head (this_cpu()->head)
#define sched_tail (this_cpu()->tail)

// Bit p set: the run queue holds a PD of priority p. Bit w of the summary:
// sched_map[w] is not zero.
#define sched_map     (this_cpu()->map)
#define sched_summary (this_cpu()->summary)

// The round-robin tick is armed: while `current`, on a full scheduling
// context, has a runnable equal, and, once armed so, while the slice's holder
// waits for the reply to a call and what runs outranks it (sched.c, held()).
#define sched_tick_armed (this_cpu()->tick_armed)

// The PD whose round-robin slice runs, and when the slice ends.
#define slice_pd  (this_cpu()->slice_holder)
#define slice_end (this_cpu()->slice_until)

// The scheduling context being consumed (current's, or for a passive PD
// serving a call, its caller's), or NULL when idle; and SC_FULL if it is
// full, else 0. The fast paths switch between full contexts without
// updating sc_running (a full context is never charged, so which full one
// it names does not matter); they keep sc_running_full true.
#define sc_running      (this_cpu()->running_sc)
#define sc_running_full (this_cpu()->running_full)

// True if a PD of priority `prio`, resuming now, would run next and leave
// the tick as it is (the fast path's reply): no queued PD outranks it, and it
// has a queued equal exactly when the tick is armed. (Armed for its own
// slice, which the caller checks.) sched_map's bits above `prio` in its
// word are clear, so what remains of the word is 1 or 0.
static inline bool
sched_resumes_as_is(unsigned prio)
{
    unsigned w = prio / 64;

    return (sched_summary >> w >> 1) == 0 && (sched_map[w] >> (prio % 64)) == sched_tick_armed;
}

void sched_init(void);

// An SMP kernel's core, as it starts: queue its runnable PDs (pd_boot, on
// the boot hart, queued only the boot core's).
void sched_start(void);

// Give `pd` its scheduling context: budget and period in microseconds
// (1 <= budget <= period, checked by the tool and by pd_boot), all of the
// budget usable from now.
void sched_sc_init(struct pd *pd, uint64_t budget_us, uint64_t period_us);

// The scheduling context `pd` runs on: a passive PD serving a call runs on
// its caller's (down the chain of calls), any other on its own.
static inline struct sc *
sc_of(struct pd *pd)
{
    while ((pd->sckind & SC_PASSIVE) && pd->caller && pd->caller->state == PD_CALL)
        pd = pd->caller;
    return &pd->sc;
}

// A throttled PD leaves the wait for its context's refill (it is being
// cancelled, or what it runs on changed); it is left in no queue.
void sched_unthrottle(struct pd *pd);

static inline void
sched_mark(unsigned p)
{
    sched_map[p / 64] |= 1UL << (p % 64);
    sched_summary |= 1U << (p / 64);
}

// The domain that runs now (0 when the system has no domain schedule).
extern uint8_t sched_domain;

// A PD of the running domain became runnable: queue it behind its equals.
static inline void
sched_enqueue(struct pd *pd)
{
    unsigned p = pd->prio;

    ASSERT(pd->state == PD_RUNNABLE && pd != current);
    pd->next = NULL;
    if (sched_tail[p])
        sched_tail[p]->next = pd;
    else
        sched_head[p] = pd;
    sched_tail[p] = pd;
    sched_mark(p);
}

// The same, in front of its equals: it was preempted, or resumes from a
// call, and so keeps its turn.
static inline void
sched_enqueue_front(struct pd *pd)
{
    unsigned p = pd->prio;

    ASSERT(pd->state == PD_RUNNABLE && pd != current);
    pd->next = sched_head[p];
    sched_head[p] = pd;
    if (!sched_tail[p])
        sched_tail[p] = pd;
    sched_mark(p);
}
// Index of the highest set bit of a non-zero word (RV64 has no clz without Zbb).
static inline int
sched_msb(uint64_t w)
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

// Priority p's queue may have become empty: keep the map true.
static inline void
sched_unmark_if_empty(unsigned p)
{
    if (sched_head[p])
        return;
    sched_tail[p] = NULL;
    sched_map[p / 64] &= ~(1UL << (p % 64));
    if (!sched_map[p / 64])
        sched_summary &= ~(1U << (p / 64));
}

// Take the first PD of priority p's queue (not empty) out of it.
static inline struct pd *
sched_dequeue(unsigned p)
{
    struct pd *pd = sched_head[p];

    sched_head[p] = pd->next;
    sched_unmark_if_empty(p);
    pd->next = NULL;
    return pd;
}

// A runnable PD of another domain than the running one waits, in no queue,
// for its domain's turn.
void sched_park(struct pd *pd);

// SMP: a PD of another core became runnable (under the kernel lock): its
// core queues it (pd->xwake, XWAKE_BACK or XWAKE_FRONT; ipc.c).
void sched_remote_ready(struct pd *pd, uint8_t where);

// A PD became runnable (or resumes from a call: _front): queued if its
// domain runs, else parked until its domain's turn; a PD of another core
// is queued by its core.
static inline void
sched_ready(struct pd *pd)
{
#if MOAT_NCPUS > 1
    if (cpu_of(pd) != this_cpu()) {
        sched_remote_ready(pd, XWAKE_BACK);
        return;
    }
#endif
    if (unlikely(pd->domain != sched_domain))
        sched_park(pd);
    else
        sched_enqueue(pd);
}

static inline void
sched_ready_front(struct pd *pd)
{
#if MOAT_NCPUS > 1
    if (cpu_of(pd) != this_cpu()) {
        sched_remote_ready(pd, XWAKE_FRONT);
        return;
    }
#endif
    if (unlikely(pd->domain != sched_domain))
        sched_park(pd);
    else
        sched_enqueue_front(pd);
}

// Load the domain schedule (before pd_boot queues any PD).
void sched_domains_boot(const struct image_hdr *img);

// Take a queued PD (runnable, not current) out of the run queue.
void sched_remove(struct pd *pd);

// The highest priority in the run queue, or -1 if it is empty.
int sched_top(void);
// Decide who runs next after a kernel entry; NULL when nobody can run.
struct pd *sched_choose(void);
// The end of the slice: rotate current behind its equals.
void sched_tick(void);
// SYS_YIELD: current gives up the rest of its turn: it goes behind its
// equals, and whoever runs next starts a fresh slice.
void sched_yield(void);
// Timer interrupt: fire due alarms; end the slice if it is over.
void sched_timer(void);
// Program the hardware timer for the earlier of the slice's end and the next alarm.
void sched_timer_program(void);
