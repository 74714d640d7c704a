// SPDX-License-Identifier: BSD-2-Clause
//
// Measuring shares of the CPU from inside PDs (tests/system/budgets,
// passive_budget): a PD that spins reads the clock in a tight loop and adds
// up the short gaps between two reads, which is the time it ran (a gap
// longer than SHARE_GAP means another PD or the idle loop ran meanwhile).
// The sums go to a shared page, slot by PD; an observer turns them into
// per-mille shares of the time since boot.
#pragma once

#include "check.h"

#define SHARE_GAP 100 // ticks (10 us): far more than one pass of the loop, far less than a slice

// Time this PD has run, kept up to date in *slot while it spins until
// *until (in moat_time() ticks; 0: for ever).
static inline uint64_t
share_spin(volatile uint64_t *slot, uint64_t until, uint64_t run)
{
    uint64_t last = moat_time();

    for (;;) {
        uint64_t t = moat_time();
        if (t - last < SHARE_GAP)
            run += t - last;
        last = t;
        *slot = run;
        if (until && t >= until)
            return run;
    }
}

// `value` per mille of `total`.
static inline long
permille(uint64_t value, uint64_t total)
{
    return (long)((value * 1000 + total / 2) / total);
}

// CHECK that a share is within `tol` per mille of `want`, printing it.
#define CHECK_SHARE(name, got, want, tol)                                                          \
    do {                                                                                           \
        long g_ = (got);                                                                           \
        moat_dbg_puts(name " share ");                                                             \
        put_dec(g_);                                                                               \
        moat_dbg_puts(" per mille\n");                                                             \
        CHECK_EQ(name " share within " #tol " of " #want, g_ >= (want) - (tol) && g_ <= (want) + (tol), 1); \
    } while (0)

// Spin until this PD has run `amount` more ticks, adding them to *slot.
static inline void
share_work(volatile uint64_t *slot, uint64_t amount)
{
    uint64_t last = moat_time(), run = 0;

    while (run < amount) {
        uint64_t t = moat_time();
        if (t - last < SHARE_GAP)
            run += t - last;
        last = t;
    }
    *slot += run;
}

// An observer PD: `run` ticks after its init, report(stats, total) is called
// with the stats page and the time since init, then the verdict is given.
#define SHARE_OBSERVER(run, report)                                                                \
    uintptr_t stats;                                                                               \
    static uint64_t share_start;                                                                   \
    static void share_done(void *ud)                                                               \
    {                                                                                              \
        (void)ud;                                                                                  \
        report((const volatile uint64_t *)stats, moat_time() - share_start);                       \
        check_done();                                                                              \
    }                                                                                              \
    void init(void)                                                                                \
    {                                                                                              \
        share_start = moat_time();                                                                 \
        moat_alarm_set(share_start + (run), share_done, NULL);                                     \
    }                                                                                              \
    void notified(microkit_channel ch)                                                             \
    {                                                                                              \
        (void)ch;                                                                                  \
    }

#ifdef CONFIG_ENABLE_BENCHMARKS
// The benchmark kernel's utilisation figures of the thread `cptr` names
// (seL4_BenchmarkGetThreadUtilisation), into f[] (tests/system/bench_util,
// smp_bench_util).
static inline void
util_get(seL4_CPtr cptr, seL4_Word f[BENCH_NWORDS])
{
    seL4_BenchmarkGetThreadUtilisation(cptr);
    for (int i = 0; i < BENCH_NWORDS; i++)
        f[i] = seL4_GetIPCBuffer()->msg[i];
}
#endif
