// SPDX-License-Identifier: BSD-2-Clause
//
// The IPC timeline (debug and benchmark kernels; docs/design.md, "Tracing"):
// notifications, calls, replies, faults, interrupts, context switches and
// budget throttling, each stamped with the instructions retired so far,
// recorded in a ring of TRACE_EVENTS events that keeps the newest. The ring
// is static (nothing is allocated) and is printed on the console when the
// system halts and on SYS_DEBUG_DUMP with DEBUG_DUMP_TRACE; tools/trace turns
// that text into a Perfetto trace and an SVG picture.
//
// Release kernels have none of it: every trace_* call below is an empty
// inline function there, and compiles to nothing. -DMOAT_NO_TRACE turns it
// off in a debug kernel too (the debug-notrace kernel, to measure its cost).
#pragma once

#include "kernel.h"

#if (defined(MOAT_DEBUG) || defined(MOAT_BENCHMARK)) && !defined(MOAT_NO_TRACE)
#define MOAT_TRACE 1
#endif

struct pd;

// What happened. `pd` did it to `peer` (TRACE_NO_PD: nobody).
enum trace_kind {
    TRACE_SWITCH = 1, // the CPU leaves `peer` for `pd` (either may be idle, TRACE_NO_PD)
    TRACE_NOTIFY,     // pd signals peer; arg = pd's channel id
    TRACE_CALL,       // pd calls peer; arg = the tag
    TRACE_REPLY,      // pd answers peer's call (or resumes a faulted child); arg = the tag
    TRACE_FAULT,      // pd faults; peer = the parent that gets it, arg = the fault label
    TRACE_IRQ,        // interrupt `arg` for pd
    TRACE_THROTTLE,   // pd would run but its context's budget is spent: it waits
    TRACE_RELEASE,    // pd's budget came back: it may run again
    TRACE_KINDS
};

#define TRACE_NO_PD  0xff
#define TRACE_EVENTS 4096 // a power of two: 64 KiB of bss

// One event, 16 bytes, little-endian as it is dumped.
struct trace_event {
    uint64_t time; // instructions retired (instret) when it was recorded
    uint8_t kind, pd, peer, pad;
    uint32_t arg;
};
_Static_assert(sizeof(struct trace_event) == 16, "tools/trace reads 16-byte events");
_Static_assert((TRACE_EVENTS & (TRACE_EVENTS - 1)) == 0, "the ring's index is masked");

#ifdef MOAT_TRACE
// Record one event; the oldest is overwritten when the ring is full.
void trace_record(unsigned kind, const struct pd *pd, const struct pd *peer, word_t arg);

// The CPU goes to `next` (NULL: idle): a TRACE_SWITCH if it was not there already.
void trace_switch(const struct pd *next);

// Events recorded since boot (the ring holds the last TRACE_EVENTS of them),
// and the i-th oldest of those it holds.
uint64_t trace_count(void);
const struct trace_event *trace_get(unsigned i);

// Forget every event (host tests).
void trace_reset(void);

// Print the ring on the console: `moat: trace N events, L lost, P pds`, one
// `moat: trace pd I NAME` line per PD, then between `moat: trace begin` and
// `moat: trace end` the events oldest first, base64, 48 bytes (3 events) to
// a `moat: trace data ...` line.
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
trace_dump(void)
{
}
#endif
