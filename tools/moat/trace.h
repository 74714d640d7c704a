// SPDX-License-Identifier: BSD-2-Clause
//
// `moat trace`: a kernel's IPC timeline, read from a console log
// (include/moat/trace.h gives the text), written as Chrome/Perfetto trace
// JSON and as an SVG picture with one lane per PD (docs/debugging.md,
// "The timeline").
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "moat/trace.h"

#define TRACE_MAX_PDS  255 // TRACE_NO_PD is not an index
#define TRACE_MAX_CPUS 64

// The last complete dump in a log.
struct trace_log {
    unsigned npds;
    unsigned ncpus;              // cores, each with its ring (1: a v1 dump's one)
    char *name[TRACE_MAX_PDS];   // each PD's, by index
    unsigned cpu[TRACE_MAX_PDS]; // the core it runs on (0 in a v1 dump)
    uint64_t lost;               // older events the rings had overwritten, all cores'
    struct trace_event *ev;      // every core's, merged oldest first by their instret
    size_t nev;
};

// Reads the log at `path`; returns 0, or -1 after diag_error()s at the
// file:line:col of each fault.
int trace_read(const char *path, struct trace_log *log);
void trace_free(struct trace_log *log);

// The lanes: one a PD (0..npds-1), then the idle loop's, one a core.
unsigned trace_lanes(const struct trace_log *log);

// What a CPU did: PD `lane` (log->npds + k: core k's idle loop) ran from
// `start` for `dur`.
struct trace_run {
    unsigned lane;
    uint64_t start, dur;
};

// The runs, each core's from its switches, in order of their start
// (malloc'd; *n of them).
struct trace_run *trace_runs(const struct trace_log *log, size_t *n);

// What an event's kind is called ("call"), or NULL for none.
const char *trace_kind_name(unsigned kind);

void trace_write_json(FILE *f, const struct trace_log *log);
void trace_write_svg(FILE *f, const struct trace_log *log);

// The command: moat trace LOG [-o trace.json] [--svg trace.svg].
int trace_main(int argc, char **argv);
