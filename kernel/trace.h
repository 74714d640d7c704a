// SPDX-License-Identifier: BSD-2-Clause
//
// The IPC timeline (debug and benchmark kernels; docs/design.md, "Tracing"):
// notifications, calls, replies, faults, interrupts, context switches and
// budget throttling, each stamped with the instructions retired so far,
// recorded in a ring of TRACE_EVENTS events that keeps the newest. The ring
// is static (nothing is allocated) and is printed on the console when the
// system halts and on SYS_DEBUG_DUMP with DEBUG_DUMP_TRACE, in the text
// include/moat/trace.h gives; `moat trace` turns that text into a Perfetto
// trace and an SVG picture.
//
// Recording is inline, a dozen instructions, because the IPC fast path does
// it (docs/bench.md gives its cost). Release kernels have none of it: every
// trace_* call below is an empty inline function there, and compiles to
// nothing. -DMOAT_NO_TRACE turns it off in a debug or benchmark kernel too
// (the debug-notrace and benchmark-notrace kernels, to measure its cost).
// An SMP kernel keeps a ring per core (below).
#pragma once

#include "kernel.h"
#include "arch.h"
#include "cpu.h"
#include "moat/trace.h"
#include "pd.h"

#if (defined(MOAT_DEBUG) || defined(MOAT_BENCHMARK)) && !defined(MOAT_NO_TRACE)
#define MOAT_TRACE 1
#endif

#define TRACE_EVENTS 4096 // a power of two: 64 KiB of bss a core
_Static_assert((TRACE_EVENTS & (TRACE_EVENTS - 1)) == 0, "the ring's index is masked");

#ifdef MOAT_TRACE
// A core's ring. Only that core writes it, so recording takes no lock, and
// no core's ring shares a cache line with another's. A dump on another
// core reads it while it may change: an SMP kernel claims a slot (next)
// before it rewrites it, and publishes it (done) after; the dump keeps what
// it copied of the published events that no newer one has claimed since
// (trace.c).
#if MOAT_NCPUS > 1
struct trace_ring {
    struct trace_event ev[TRACE_EVENTS];
    uint64_t next; // events recorded: the next goes to ev[next % TRACE_EVENTS]
    uint64_t done; // events written in full (next, but while one is being written)
    uint8_t cpu;   // the core's index, in every event
    uint8_t last;  // index of the PD the last TRACE_SWITCH went to (TRACE_NO_PD:
                   // idle, or none yet: boot is not recorded)
} __attribute__((aligned(64)));

extern struct trace_ring trace_rings[MOAT_NCPUS];

#define trace_here()     (this_cpu()->trace)
#define TRACE_EV(t)      ((t)->ev)
#define TRACE_NEXT(t)    ((t)->next)
#define TRACE_LAST(t)    ((t)->last)
#define TRACE_CPU(t)     ((t)->cpu)
#define TRACE_RING(n)    (&trace_rings[n])
#else
// One core's ring is three globals, the fields below: what the kernel
// compiled to before rings per core, to the instruction (make bench-trace).
struct trace_ring;

extern struct trace_event trace_ev[TRACE_EVENTS];
extern uint64_t trace_next;
extern uint8_t trace_last;

// (Named plainly: `*((void)t, &trace_next)` cost the general path 2 to 10
// instructions.)
#define trace_here()     ((struct trace_ring *)0)
#define TRACE_EV(t)      trace_ev
#define TRACE_NEXT(t)    trace_next
#define TRACE_LAST(t)    trace_last
#define TRACE_CPU(t)     0
#define TRACE_RING(n)    trace_here()
#endif

// Gives core n (c) its ring, empty: at boot (sched_init), before any event.
static inline void
trace_init(struct cpu *c, unsigned n)
{
#if MOAT_NCPUS > 1
    struct trace_ring *t = &trace_rings[n];

    t->next = t->done = 0;
    t->cpu = (uint8_t)n;
    t->last = TRACE_NO_PD;
    c->trace = t;
#else
    (void)c;
    (void)n;
    trace_next = 0;
    trace_last = TRACE_NO_PD;
#endif
}

static inline uint8_t
trace_index(const struct pd *pd)
{
    return pd ? pd->index : TRACE_NO_PD;
}

// Record one event in this core's ring t, the oldest overwritten when it
// is full; trace_end() publishes it.
static inline void
trace_begin(struct trace_ring *t, unsigned kind, const struct pd *pd, const struct pd *peer,
            word_t arg)
{
#if MOAT_NCPUS > 1
    uint64_t n = t->next;
    struct trace_event *e = &t->ev[n & (TRACE_EVENTS - 1)];

    // The claim: after the last event's bytes (release), before this one's
    // (acquire: RISC-V's amoswap.aq, which no later store passes).
    __atomic_exchange_n(&t->next, n + 1, __ATOMIC_ACQ_REL);
#else
    struct trace_event *e = &trace_ev[trace_next++ & (TRACE_EVENTS - 1)];

    (void)t;
#endif
    e->time = arch_instret();
    e->kind = (uint8_t)kind;
    e->pd = trace_index(pd);
    e->peer = trace_index(peer);
    e->cpu = TRACE_CPU(t);
    e->arg = (uint32_t)arg;
}

static inline void
trace_end(struct trace_ring *t)
{
#if MOAT_NCPUS > 1
    __atomic_store_n(&t->done, t->next, __ATOMIC_RELEASE); // the slot's bytes before it counts
#else
    (void)t;
#endif
}

static inline void
trace_record(unsigned kind, const struct pd *pd, const struct pd *peer, word_t arg)
{
    struct trace_ring *t = trace_here();

    trace_begin(t, kind, pd, peer, arg);
    trace_end(t);
}

// The CPU goes to `next` (NULL: idle): a TRACE_SWITCH if it was not there already.
static inline void
trace_switch(const struct pd *next)
{
    struct trace_ring *t = trace_here();
    uint8_t i = trace_index(next);

    if (i == TRACE_LAST(t))
        return;
    trace_begin(t, TRACE_SWITCH, next, NULL, 0);
    TRACE_EV(t)[(TRACE_NEXT(t) - 1) & (TRACE_EVENTS - 1)].peer = TRACE_LAST(t);
    trace_end(t);
    TRACE_LAST(t) = i;
}

// A call, reply or notification after which `to` runs at once (the fast
// path's): one event for what the general path records as two, the event
// and the TRACE_SWITCH. `from` is the PD running.
static inline void
trace_handoff(unsigned kind, const struct pd *from, const struct pd *to, word_t arg)
{
    struct trace_ring *t = trace_here();

    trace_begin(t, kind | TRACE_SWITCHED, from, to, arg);
    trace_end(t);
    TRACE_LAST(t) = to->index;
}

// Events this core recorded since boot (its ring holds the last
// TRACE_EVENTS of them), and the i-th oldest of those it holds.
uint64_t trace_count(void);
const struct trace_event *trace_get(unsigned i);

// Forget every core's events (host tests).
void trace_reset(void);

// Print every core's ring on the console, as include/moat/trace.h says.
void trace_dump(void);
#else
static inline void
trace_init(struct cpu *c, unsigned n)
{
    (void)c;
    (void)n;
}

static inline void
trace_record(unsigned kind, const struct pd *pd, const struct pd *peer, word_t arg)
{
    (void)kind;
    (void)pd;
    (void)peer;
    (void)arg;
}

static inline void
trace_switch(const struct pd *next)
{
    (void)next;
}

static inline void
trace_handoff(unsigned kind, const struct pd *from, const struct pd *to, word_t arg)
{
    (void)kind;
    (void)from;
    (void)to;
    (void)arg;
}

static inline void
trace_dump(void)
{
}
#endif
