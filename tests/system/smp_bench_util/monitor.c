// SPDX-License-Identifier: BSD-2-Clause
//
// smp-benchmark's per-core utilisation figures (system.xml). Only what
// holds whatever the timing: under -icount the harts run in turn and the
// cycle counter is QEMU's one clock, so a core's stretches include the
// other cores' turns, and shares of a core mean little there.
#include <sel4/benchmark_track_types.h>
#include <sel4/benchmark_utilisation_types.h>

#include "share.h"

#define RUN 2000000 // moat_time() ticks: 200 ms, 20 periods of b
#define A   (BASE_TCB_CAP + 1)
#define B   (BASE_TCB_CAP + 2)

#ifdef CONFIG_ENABLE_BENCHMARKS

static void
report(void *ud)
{
    seL4_Word a[BENCH_NWORDS], b[BENCH_NWORDS], m[BENCH_NWORDS];

    (void)ud;
    util_get(A, a);
    util_get(B, b);
    util_get(TCB_CAP, m);
    seL4_Word total = m[BENCHMARK_TOTAL_UTILISATION], idle = m[BENCHMARK_IDLE_LOCALCPU_UTILISATION];
    CHECK_EQ("core 1's log ran: a's time counted", a[BENCHMARK_TCB_UTILISATION] > 0, 1);
    CHECK_EQ("core 1 never idle (a spins there)", a[BENCHMARK_IDLE_TCBCPU_UTILISATION], 0);
    CHECK_EQ("b's time counted", b[BENCHMARK_TCB_UTILISATION] > 0, 1);
    CHECK_EQ("b's idle core is core 0", b[BENCHMARK_IDLE_TCBCPU_UTILISATION], idle);
    CHECK_EQ("core 0's stretches add up to its total", b[0] + m[0] + idle, total);
    CHECK_EQ("core 0's PDs and idle loop: every switch counted",
             m[BENCHMARK_TOTAL_NUMBER_SCHEDULES], b[1] + m[1] + m[BENCHMARK_IDLE_NUMBER_SCHEDULES]);
    check_done();
}

// Core 0's log ends at once; the others' at the interrupt FinalizeLog sends
// them, which under QEMU's -icount a core may take only at its next turn
// (every 100 ms of virtual time at the latest): read a's figures 150 ms later.
static void
finalize(void *ud)
{
    (void)ud;
    CHECK_EQ("FinalizeLog returns 0", seL4_BenchmarkFinalizeLog(), 0);
    moat_alarm_set(moat_time() + MOAT_TIME_HZ / 1000 * 150, report, NULL);
}
#endif

void
init(void)
{
#ifdef CONFIG_ENABLE_BENCHMARKS
    seL4_BenchmarkResetThreadUtilisation(TCB_CAP);
    seL4_BenchmarkResetThreadUtilisation(A);
    seL4_BenchmarkResetThreadUtilisation(B);
    CHECK_EQ("ResetLog", seL4_BenchmarkResetLog(), seL4_NoError);
    moat_alarm_set(moat_time() + RUN, finalize, NULL);
#else
    CHECK_EQ("SYS_BENCH absent", moat_bench(BENCH_RESET_LOG, 0), E_NOSYS);
    check_done();
#endif
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
