// SPDX-License-Identifier: BSD-2-Clause
//
// Unit tests of kernel/bench.c (the benchmark kernel's utilisation
// accounting) and of SYS_BENCH at the trust boundary, built with
// -DMOAT_BENCHMARK. Kernel entries and exits are played by setting
// bench_entered and calling bench_exit() as trap.S and arch_resume do.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bench.h"
#include "cap.h"
#include "fake_arch.h"
#include "pd.h"
#include "sched.h"
#include "syscall.h"
#include "world.h"

static struct pd *mon, *a, *b, *x;

// mon (the parent of a, id 1, and b, id 2) runs; x is no child of it.
// Every figure starts at zero, measuring off.
static int
fixture(void **state)
{
    world_setup(state);
    mon = world_pd(0, "mon", 100);
    a = world_pd(1, "a", 50);
    b = world_pd(2, "b", 40);
    x = world_pd(3, "x", 30);
    a->parent = b->parent = mon;
    a->child_id = 1;
    b->child_id = 2;
    sched_ready(mon);
    assert_ptr_equal(sched_choose(), mon);
    bench_entered = 0;
    bench_exit(mon, 0);
    bench_finalize_log();
    for (unsigned i = 0; i < 4; i++)
        bench_reset_pd(&pds[i]);
    return 0;
}

#define FIXTURE_TEST(f) {#f, f, fixture, NULL, NULL}

// One kernel entry at `in`, back to `next` at `out`.
static void
entry(uint64_t in, const struct pd *next, uint64_t out)
{
    bench_entered = in;
    bench_exit(next, out);
}

// mon runs 1000..1100, a 1100..1500, idle 1500..2000, mon 2000..2100.
static void
test_stretches(void **state)
{
    word_t f[BENCH_NWORDS];

    (void)state;
    bench_entered = 1000;
    bench_reset_log(mon);
    bench_exit(mon, 1010); // the ResetLog call returns to mon: 10 kernel cycles
    entry(1100, a, 1120);  // a switch: mon's stretch ends at the entry
    entry(1500, NULL, 1505);
    entry(2000, mon, 2010);
    bench_entered = 2100;
    bench_finalize_log();
    bench_get(mon, f);
    const word_t want_mon[BENCH_NWORDS] = {
        200, 2, 20, 2,          // mon: 100 + 100, ResetLog and the switch back
        500, 500, 1, 5, 1,      // idle
        1100, 4, 45, 4,         // total: 1000..2100, ResetLog + 3 switches
    };
    assert_memory_equal(f, want_mon, sizeof(f));
    bench_get(a, f);
    assert_int_equal(f[0], 400);
    assert_int_equal(f[1], 1);
    assert_int_equal(f[2], 20);
    assert_int_equal(f[3], 1);
    bench_get(b, f);
    assert_int_equal(f[0] | f[1] | f[2] | f[3], 0);
}

// Nothing is counted outside ResetLog .. FinalizeLog, and a second
// FinalizeLog changes nothing.
static void
test_off(void **state)
{
    word_t f[BENCH_NWORDS], g[BENCH_NWORDS];

    (void)state;
    entry(100, a, 110);
    entry(200, mon, 210);
    bench_get(a, f);
    assert_int_equal(f[0] | f[1] | f[2] | f[3], 0);
    bench_entered = 300;
    bench_reset_log(mon);
    entry(400, a, 410);
    bench_entered = 500;
    bench_finalize_log();
    bench_get(mon, f);
    entry(600, mon, 610);
    bench_entered = 700;
    bench_finalize_log();
    bench_get(mon, g);
    assert_memory_equal(f, g, sizeof(f));
    assert_int_equal(f[9], 200);
}

// ResetThreadUtilisation zeroes one PD; for the running one, its stretch
// so far goes too. ResetLog zeroes idle and the totals but no PD.
static void
test_resets(void **state)
{
    word_t f[BENCH_NWORDS];

    (void)state;
    bench_entered = 0;
    bench_reset_log(mon);
    entry(100, a, 110);
    entry(200, NULL, 205);
    entry(300, mon, 310);
    bench_entered = 400;
    bench_reset_pd(a);
    bench_reset_pd(mon);
    bench_exit(mon, 410);
    entry(500, b, 510);
    bench_get(a, f);
    assert_int_equal(f[0] | f[1] | f[2] | f[3], 0);
    bench_get(mon, f);
    assert_int_equal(f[0], 100); // 400..500
    assert_int_equal(f[1], 0);
    assert_int_equal(f[4], 100); // idle 200..300
    bench_entered = 600;
    bench_reset_log(b);
    bench_get(b, f);
    assert_int_equal(f[0], 0);
    assert_int_equal(f[1], 2); // switched to at 500, and ResetLog
    assert_int_equal(f[4] | f[6] | f[7] | f[8], 0);
    assert_int_equal(f[10], 1);
    assert_int_equal(f[11] | f[12], 0);
}

// Microkit's fixed TCB slots: TCB_CAP the PD itself (benchmark kernels),
// BASE_TCB_CAP + id a child.
static void
test_cap_tcb(void **state)
{
    (void)state;
    assert_ptr_equal(cap_tcb(mon, CAP_MK_SELF), mon);
    assert_ptr_equal(cap_tcb(a, CAP_MK_SELF), a);
    assert_ptr_equal(cap_tcb(mon, CAP_MK_TCB + 1), a);
    assert_ptr_equal(cap_tcb(mon, CAP_MK_TCB + 2), b);
    assert_null(cap_tcb(mon, CAP_MK_TCB));
    assert_null(cap_tcb(mon, CAP_MK_TCB + 3));
    assert_null(cap_tcb(mon, CAP_MK_TCB + MOAT_MAX_CHANNELS));
    assert_null(cap_tcb(mon, CAP_MK_TCB + 1 + (1UL << 32)));
    assert_null(cap_tcb(a, CAP_MK_TCB + 1));
    assert_null(cap_tcb(mon, 0));
    assert_null(cap_tcb(mon, CAP_MK_SELF + 1));
    assert_null(cap_tcb(mon, ~0UL));
}

// A refused SYS_BENCH changes nothing but a0 and the caller runs on.
static void
refused(word_t op, word_t cptr, long want)
{
    world_snap();
    assert_ptr_equal(world_syscall(op, cptr, 0, 0, 0, 0, SYS_BENCH), mon);
    assert_int_equal((long)arch_result(mon, 0), want);
    world_unchanged(mon, (word_t)want);
}

static void
test_sys_bench_errors(void **state)
{
    (void)state;
    refused(BENCH_RESET_UTIL + 1, CAP_MK_SELF, E_INVAL);
    refused(~0UL, CAP_MK_SELF, E_INVAL);
    refused(BENCH_GET_UTIL, 0, E_NOENT);
    refused(BENCH_GET_UTIL, CAP_MK_SELF + 1, E_NOENT);
    refused(BENCH_GET_UTIL, CAP_MK_TCB + 3, E_NOENT); // x is no child of mon
    refused(BENCH_RESET_UTIL, CAP_MK_TCB + MOAT_MAX_CHANNELS, E_NOENT);
    refused(BENCH_RESET_UTIL, ~0UL, E_NOENT);
}

// GetThreadUtilisation writes the figures into the caller's message registers.
static void
test_sys_bench_get(void **state)
{
    word_t f[BENCH_NWORDS];

    (void)state;
    bench_entered = 10;
    assert_ptr_equal(world_syscall(BENCH_RESET_LOG, 0, 0, 0, 0, 0, SYS_BENCH), mon);
    assert_int_equal(arch_result(mon, 0), E_OK);
    entry(110, a, 120);
    entry(210, mon, 220);
    bench_entered = 310;
    assert_ptr_equal(world_syscall(BENCH_FINALIZE_LOG, 0, 0, 0, 0, 0, SYS_BENCH), mon);
    assert_ptr_equal(world_syscall(BENCH_GET_UTIL, CAP_MK_TCB + 1, 0, 0, 0, 0, SYS_BENCH), mon);
    assert_int_equal(arch_result(mon, 0), E_OK);
    bench_get(a, f);
    for (unsigned i = 0; i < BENCH_NWORDS; i++)
        assert_int_equal(*world_mr(mon, i), f[i]);
    assert_int_equal(*world_mr(mon, 0), 100);
    assert_int_equal(*world_mr(mon, 9), 300);
    assert_ptr_equal(world_syscall(BENCH_RESET_UTIL, CAP_MK_TCB + 1, 0, 0, 0, 0, SYS_BENCH), mon);
    bench_get(a, f);
    assert_int_equal(f[0] | f[1] | f[2] | f[3], 0);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(test_stretches),
        FIXTURE_TEST(test_off),
        FIXTURE_TEST(test_resets),
        FIXTURE_TEST(test_cap_tcb),
        FIXTURE_TEST(test_sys_bench_errors),
        FIXTURE_TEST(test_sys_bench_get),
    };

    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("bench", tests, NULL, NULL);
}
