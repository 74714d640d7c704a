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
// SMP kernels have none of it yet (below).
#pragma once

#include "kernel.h"
#include "arch.h"
#include "moat/trace.h"
#include "pd.h"

// The ring is one, so an SMP kernel (several cores recording at once)
// records nothing yet: a ring per core is to come (docs/design.md, "Multicore").
#if (defined(MOAT_DEBUG) || defined(MOAT_BENCHMARK)) && !defined(MOAT_NO_TRACE) && \
    (!defined(MOAT_NCPUS) || MOAT_NCPUS == 1)
#define MOAT_TRACE 1
#endif

#define TRACE_EVENTS 4096 // a power of two: 64 KiB of bss
_Static_assert((TRACE_EVENTS & (TRACE_EVENTS - 1)) == 0, "the ring's index is masked");

#ifdef MOAT_TRACE
extern struct trace_event trace_ring[TRACE_EVENTS];
extern uint64_t trace_next; // events recorded: the next goes to trace_ring[trace_next % size]
extern uint8_t trace_last;  // index of the PD the last TRACE_SWITCH went to (TRACE_NO_PD: idle,
                            // or none yet: boot is not recorded)

static inline uint8_t
trace_index(const struct pd *pd)
{
    return pd ? pd->index : TRACE_NO_PD;
}

// Record one event; the oldest is overwritten when the ring is full.
static inline void
trace_record(unsigned kind, const struct pd *pd, const struct pd *peer, word_t arg)
{
    struct trace_event *e = &trace_ring[trace_next++ & (TRACE_EVENTS - 1)];

    e->time = arch_instret();
    e->kind = (uint8_t)kind;
    e->pd = trace_index(pd);
    e->peer = trace_index(peer);
    e->pad = 0;
    e->arg = (uint32_t)arg;
}

// The CPU goes to `next` (NULL: idle): a TRACE_SWITCH if it was not there already.
static inline void
trace_switch(const struct pd *next)
{
    uint8_t i = trace_index(next);

    if (i == trace_last)
        return;
    trace_record(TRACE_SWITCH, next, NULL, 0);
    trace_ring[(trace_next - 1) & (TRACE_EVENTS - 1)].peer = trace_last;
    trace_last = i;
}

// A call, reply or notification after which `to` runs at once (the fast
// path's): one event for what the general path records as two, the event
// and the TRACE_SWITCH. `from` is the PD running.
static inline void
trace_handoff(unsigned kind, const struct pd *from, const struct pd *to, word_t arg)
{
    trace_record(kind | TRACE_SWITCHED, from, to, arg);
    trace_last = to->index;
}

// Events recorded since boot (the ring holds the last TRACE_EVENTS of them),
// and the i-th oldest of those it holds.
uint64_t trace_count(void);
const struct trace_event *trace_get(unsigned i);

// Forget every event (host tests).
void trace_reset(void);

// Print the ring on the console, as include/moat/trace.h says.
void trace_dump(void);
#else
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
