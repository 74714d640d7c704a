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

// The run queue: a FIFO per priority (linked through pd->next), indexed by
// the priority's rank among the system's (pd->rank: the same order, at most
// 64 of them).
#define sched_q (this_cpu()->q)

// Bit r set: the run queue holds a PD of rank r.
#define sched_map (this_cpu()->map)

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

// True if a PD of rank `rank`, resuming now, would run next and leave the
// tick as it is (the fast path's reply): no queued PD outranks it, and it
// has a queued equal exactly when the tick is armed. (Armed for its own
// slice, which the caller checks.) What remains of the map is then 1 or 0.
static inline bool
sched_resumes_as_is(unsigned rank)
{
    return (sched_map >> rank) == sched_tick_armed;
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
sched_mark(word_t r)
{
    sched_map |= 1UL << r;
}

// The domain that runs now (0 when the system has no domain schedule).
extern uint8_t sched_domain;

// A PD of the running domain became runnable: queue it behind its equals.
static inline void
sched_enqueue(struct pd *pd)
{
    word_t p = pd->rank;
    struct runq *q = &sched_q[p];

    ASSERT(pd->state == PD_RUNNABLE && pd != current);
    pd->next = NULL;
    if (likely(!q->tail)) // most often alone at its priority
        q->head = pd;
    else
        q->tail->next = pd;
    q->tail = pd;
    sched_mark(p);
}

// The same, in front of its equals: it was preempted, or resumes from a
// call, and so keeps its turn.
static inline void
sched_enqueue_front(struct pd *pd)
{
    word_t p = pd->rank;
    struct runq *q = &sched_q[p];

    ASSERT(pd->state == PD_RUNNABLE && pd != current);
    pd->next = q->head;
    q->head = pd;
    if (!q->tail)
        q->tail = pd;
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

// Rank p's queue may have become empty: keep the map true.
static inline void
sched_unmark_if_empty(word_t p)
{
    if (sched_q[p].head)
        return;
    sched_q[p].tail = NULL;
    sched_map &= ~(1UL << p);
}

// Take the first PD of rank p's queue (not empty) out of it.
static inline struct pd *
sched_dequeue(word_t p)
{
    struct pd *pd = sched_q[p].head;

    sched_q[p].head = pd->next;
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
// Give every PD its rank (pd->rank) from the priorities of pds[0..n):
// at boot, before any is queued (and by tests that change priorities).
void sched_ranks(unsigned n);
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
