// SPDX-License-Identifier: BSD-2-Clause
//
// The IPC timeline's events and the text a kernel prints them as, read by
// `moat trace` (docs/debugging.md, "The timeline"; docs/design.md,
// "Tracing"). The dump, each line from the marker `moat: trace ` on (a PD's
// unfinished line may stand before it):
//
//   moat: trace v1: N events, L lost, P pds
//   moat: trace pd I NAME                 (P lines, I = 0..P-1)
//   moat: trace begin
//   moat: trace data HEX                  (up to TRACE_LINE_EVENTS events)
//   moat: trace end
//
// N events, oldest first, L older ones overwritten; HEX is each event's
// 16 bytes in memory order (struct trace_event, little-endian), two
// lowercase digits a byte: no line of it can look like `FAIL` or `panic:`.
#pragma once

#include <stdint.h>

#define TRACE_VERSION     1
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
    uint8_t kind, pd, peer, pad;
    uint32_t arg;
};
_Static_assert(sizeof(struct trace_event) == 16, "moat trace reads 16-byte events");
