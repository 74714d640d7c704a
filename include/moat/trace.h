// SPDX-License-Identifier: BSD-2-Clause
//
// The IPC timeline's events and the text a kernel prints them as, read by
// `moat trace` (docs/debugging.md, "The timeline"; docs/design.md,
// "Tracing"). The dump, each line from the marker `moat: trace ` on (a PD's
// unfinished line may stand before it):
//
//   moat: trace v2: P pds, C cpus
//   moat: trace pd I cpu K NAME           (P lines, I = 0..P-1; K: the PD's core)
//   moat: trace begin
//   moat: trace cpu K: N events, L lost   (C times, K = 0..C-1, each followed by
//   moat: trace data HEX                   core K's events, up to TRACE_LINE_EVENTS a line)
//   moat: trace end
//
// A core's N events are its ring's, oldest first, L older ones overwritten
// (or, on an SMP kernel, being overwritten as the dump read them); HEX is
// each event's 16 bytes in memory order (struct trace_event, little-endian),
// two lowercase digits a byte: no line of it can look like `FAIL` or
// `panic:`. Each core stamps its events with its own instret (QEMU -icount:
// one count for every hart), so `moat trace` merges the rings by it.
//
// v1 dumps (kernels before rings per core) read as one core's:
//
//   moat: trace v1: N events, L lost, P pds
//   moat: trace pd I NAME
//   moat: trace begin, data lines (cpu 0 in every event), moat: trace end
#pragma once

#include <stdint.h>

#define TRACE_VERSION     2
#define TRACE_MARK        "moat: trace "
#define TRACE_LINE_EVENTS 4    // events a data line holds
#define TRACE_NO_PD       0xff // pd or peer: nobody (the idle loop, the hardware)

// What happened. `pd` did it to `peer`.
enum trace_kind {
    TRACE_SWITCH = 1, // the CPU leaves `peer` for `pd` (either may be TRACE_NO_PD: idle)
    TRACE_NOTIFY,     // pd signals peer; arg = pd's channel id
    TRACE_CALL,       // pd calls peer (a protected procedure call); arg = the tag
    TRACE_REPLY,      // pd answers peer's call (or resumes a faulted child); arg = the tag
    TRACE_FAULT,      // pd faults; peer = the parent that gets it, arg = the fault label
    TRACE_IRQ,        // interrupt `arg` arrives for pd
    TRACE_THROTTLE,   // pd would run but its context's budget is spent: it waits
    TRACE_RELEASE,    // pd's budget came back: it may run again
    TRACE_KINDS
};
// With a kind: and the CPU went from pd to peer with it, at the same time
// (the IPC fast path's one event where the general path records two).
#define TRACE_SWITCHED 0x80

// One event, 16 bytes.
struct trace_event {
    uint64_t time; // instructions retired (instret) when it was recorded
    uint8_t kind, pd, peer;
    uint8_t cpu; // the core that recorded it (v1 dumps: 0, the one core)
    uint32_t arg;
};
_Static_assert(sizeof(struct trace_event) == 16, "moat trace reads 16-byte events");
