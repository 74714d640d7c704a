// SPDX-License-Identifier: BSD-2-Clause
//
// U-mode counters and the benchmark kernel's utilisation figures (system.xml).
#include <sel4/benchmark_track_types.h>
#include <sel4/benchmark_utilisation_types.h>

#include "share.h"

#define RUN   2000000 // moat_time() ticks: 200 ms, 20 periods of a and b
#define IDLE  1000000 // 100 ms with c stopped
#define A     (BASE_TCB_CAP + 1)
#define B     (BASE_TCB_CAP + 2)
#define C     (BASE_TCB_CAP + 3)

static void
counters(void)
{
    uint64_t c0 = moat_cycles(), i0 = moat_instret();

    spin(1000);
    uint64_t c1 = moat_cycles(), i1 = moat_instret();
    CHECK_EQ("rdcycle advances", c1 > c0, 1);
    CHECK_EQ("rdinstret advances by the loop's instructions at least", i1 - i0 >= 1000, 1);
}

#ifdef CONFIG_ENABLE_BENCHMARKS
#define msg (seL4_GetIPCBuffer()->msg)

static void
put_figure(const char *what, seL4_Word v)
{
    moat_dbg_puts(what);
    moat_dbg_puts(" ");
    put_dec((long)v);
    moat_dbg_puts("\n");
}

// Start measuring `ticks` from now, every PD's figures zeroed, then call `then`.
static void
measure(uint64_t ticks, void (*then)(void *))
{
    seL4_BenchmarkResetThreadUtilisation(TCB_CAP);
    seL4_BenchmarkResetThreadUtilisation(A);
    seL4_BenchmarkResetThreadUtilisation(B);
    seL4_BenchmarkResetThreadUtilisation(C);
    CHECK_EQ("ResetLog", seL4_BenchmarkResetLog(), seL4_NoError);
    moat_alarm_set(moat_time() + ticks, then, NULL);
}

static void
idle_report(void *ud)
{
    seL4_Word a[BENCH_NWORDS], b[BENCH_NWORDS], c[BENCH_NWORDS], m[BENCH_NWORDS];

    (void)ud;
    seL4_BenchmarkFinalizeLog();
    util_get(A, a);
    util_get(B, b);
    util_get(C, c);
    util_get(TCB_CAP, m);
    seL4_Word total = m[BENCHMARK_TOTAL_UTILISATION], idle = m[BENCHMARK_IDLE_LOCALCPU_UTILISATION];
    moat_dbg_puts("with c stopped:\n");
    CHECK_SHARE("a", permille(a[0], total), 295, 8);
    CHECK_SHARE("b", permille(b[0], total), 490, 13);
    CHECK_SHARE("idle", permille(idle, total), 215, 15);
    CHECK_EQ("c stopped: nothing", c[0] | c[1], 0);
    CHECK_EQ("the stretches add up to the total, idle's too", a[0] + b[0] + m[0] + idle, total);
    // How often: once a period or less, as idle stretches next to a period's
    // end run into the next one (runs differ); that it ran, always.
    CHECK_EQ("idle scheduled", m[BENCHMARK_IDLE_NUMBER_SCHEDULES] >= 1, 1);
    CHECK_EQ("every switch counted, to idle too", m[BENCHMARK_TOTAL_NUMBER_SCHEDULES],
             1 + a[1] + b[1] + (m[1] - 1) + m[BENCHMARK_IDLE_NUMBER_SCHEDULES]);
    check_done();
}

static void
report(void *ud)
{
    seL4_Word a[BENCH_NWORDS], b[BENCH_NWORDS], c[BENCH_NWORDS], m[BENCH_NWORDS];

    (void)ud;
    CHECK_EQ("FinalizeLog returns 0", seL4_BenchmarkFinalizeLog(), 0);
    util_get(A, a);
    util_get(B, b);
    util_get(C, c);
    util_get(TCB_CAP, m);
    seL4_Word total = m[BENCHMARK_TOTAL_UTILISATION], idle = m[BENCHMARK_IDLE_LOCALCPU_UTILISATION];
    put_figure("total cycles", total);
    put_figure("a schedules", a[BENCHMARK_TCB_NUMBER_SCHEDULES]);
    put_figure("b schedules", b[BENCHMARK_TCB_NUMBER_SCHEDULES]);
    put_figure("c schedules", c[BENCHMARK_TCB_NUMBER_SCHEDULES]);
    put_figure("monitor schedules", m[BENCHMARK_TCB_NUMBER_SCHEDULES]);
    put_figure("total schedules", m[BENCHMARK_TOTAL_NUMBER_SCHEDULES]);
    put_figure("kernel cycles", m[BENCHMARK_TOTAL_KERNEL_UTILISATION]);
    put_figure("kernel entries", m[BENCHMARK_TOTAL_NUMBER_KERNEL_ENTRIES]);
    CHECK_SHARE("a", permille(a[BENCHMARK_TCB_UTILISATION], total), 300, 5);
    CHECK_SHARE("b", permille(b[BENCHMARK_TCB_UTILISATION], total), 500, 5);
    CHECK_SHARE("c", permille(c[BENCHMARK_TCB_UTILISATION], total), 200, 10);
    CHECK_SHARE("monitor", permille(m[BENCHMARK_TCB_UTILISATION], total), 0, 1);
    CHECK_EQ("no idle time", idle | m[BENCHMARK_IDLE_NUMBER_SCHEDULES], 0);
    CHECK_EQ("the stretches add up to the total", a[0] + b[0] + c[0] + m[0] + idle, total);
    CHECK_EQ("the idle figure is the same for both cores' views",
             m[BENCHMARK_IDLE_TCBCPU_UTILISATION], idle);
    CHECK_EQ("monitor scheduled at ResetLog and at its alarm",
             m[BENCHMARK_TCB_NUMBER_SCHEDULES], 2);
    CHECK_EQ("a scheduled once a period", a[1] >= 20 && a[1] <= 22, 1);
    CHECK_EQ("b scheduled once a period", b[1] >= 20 && b[1] <= 22, 1);
    CHECK_EQ("every switch counted", m[BENCHMARK_TOTAL_NUMBER_SCHEDULES],
             1 + a[1] + b[1] + c[1] + (m[1] - 1));
    CHECK_EQ("the kernel's time is a part of the total",
             m[BENCHMARK_TOTAL_KERNEL_UTILISATION] > 0 &&
                 m[BENCHMARK_TOTAL_KERNEL_UTILISATION] < total / 10, 1);
    CHECK_EQ("kernel entries: the PDs' add up",
             a[3] + b[3] + c[3] + m[3] + m[BENCHMARK_IDLE_NUMBER_KERNEL_ENTRIES],
             m[BENCHMARK_TOTAL_NUMBER_KERNEL_ENTRIES]);

    // Reset: a's figures go, b's stay; ResetLog zeroes idle and the totals.
    seL4_BenchmarkResetThreadUtilisation(A);
    util_get(A, a);
    CHECK_EQ("reset zeroes a", a[0] | a[1] | a[2] | a[3], 0);
    util_get(B, b);
    CHECK_EQ("and keeps b", b[BENCHMARK_TCB_UTILISATION] > 0, 1);
    CHECK_EQ("ResetLog", seL4_BenchmarkResetLog(), seL4_NoError);
    util_get(TCB_CAP, m);
    CHECK_EQ("ResetLog: one schedule in total", m[BENCHMARK_TOTAL_NUMBER_SCHEDULES], 1);

    microkit_pd_stop(3); // c: the idle loop gets what a and b leave
    measure(IDLE, idle_report);
}
#endif

void
init(void)
{
    counters();
#ifdef CONFIG_ENABLE_BENCHMARKS
    CHECK_EQ("bad op", moat_bench(BENCH_RESET_UTIL + 1, 0), E_INVAL);
    CHECK_EQ("cptr of no TCB", moat_bench(BENCH_GET_UTIL, 7), E_NOENT);
    CHECK_EQ("cptr 0", moat_bench(BENCH_RESET_UTIL, 0), E_NOENT);
    CHECK_EQ("cptr of no child", moat_bench(BENCH_GET_UTIL, BASE_TCB_CAP + 4), E_NOENT);
    CHECK_EQ("cptr past the children", moat_bench(BENCH_GET_UTIL, BASE_TCB_CAP + 62), E_NOENT);
    msg[0] = 12345;
    seL4_BenchmarkGetThreadUtilisation(TCB_CAP - 1);
    CHECK_EQ("a refused get writes nothing", msg[0], 12345);
    CHECK_EQ("own TCB", moat_bench(BENCH_RESET_UTIL, TCB_CAP), E_OK);
    measure(RUN, report);
#else
    CHECK_EQ("SYS_BENCH absent", moat_bench(BENCH_RESET_LOG, 0), E_NOSYS);
    CHECK_EQ("SYS_BENCH absent for a TCB", moat_bench(BENCH_GET_UTIL, BASE_TCB_CAP + 1), E_NOSYS);
    check_done();
#endif
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
