// SPDX-License-Identifier: BSD-2-Clause
//
// CPU-utilisation accounting of the benchmark kernel (-DMOAT_BENCHMARK;
// docs/design.md, "Benchmark accounting"): seL4's track_utilisation
// figures, per PD and for the idle loop, in cycle-counter cycles. Other
// kernels have none of it. The architecture stamps each kernel entry
// (bench_entered) and calls bench_exit() on each return to a PD or to idle.
#pragma once

#include "cpu.h"
#include "kernel.h"

struct pd;

// The cycle count at the kernel entry being handled (written by the trap
// entry), the running core's (cpu.h).
#define bench_entered (this_cpu()->entered)

// The kernel leaves for `next` (NULL: the idle loop) at cycle `now`: the
// entry's kernel time goes to `next`, and a switch ends the running one's stretch.
void bench_exit(const struct pd *next, uint64_t now);

// seL4_BenchmarkResetLog: zero the totals and the idle figures and start
// measuring, `pd` (the caller, running) scheduled once more. An SMP kernel
// keeps a log per core: each core's PDs, idle loop and totals; ResetLog
// and FinalizeLog start and end all of them.
void bench_reset_log(const struct pd *pd);

// seL4_BenchmarkFinalizeLog: the running PD's stretch so far is charged and
// measuring stops (the figures stay).
void bench_finalize_log(void);

// SMP: the interrupt from another core's ResetLog or FinalizeLog: this
// core's log starts or ends, at the kernel entry's stamp.
void bench_take(void);

// seL4_BenchmarkResetThreadUtilisation: zero pd's figures.
void bench_reset_pd(const struct pd *pd);

// seL4_BenchmarkGetThreadUtilisation: pd's, its core's idle loop's and total
// figures in libsel4's order (BENCHMARK_TCB_UTILISATION ...).
void bench_get(const struct pd *pd, word_t out[BENCH_NWORDS]);
