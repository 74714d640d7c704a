// SPDX-License-Identifier: BSD-2-Clause
//
// Unit tests of kernel/irq.c and the interrupt side of syscall.c: irq_boot
// takes the image's interrupt table and enables each owned source (and
// panics on a table that does not match the PDs' ids); irq_raise notifies the
// owner on its id; SYS_IRQ_ACK and the deferred ack complete exactly the
// owner's source; a source nobody owns is reported and completed; a source
// in service (claimed, not yet acked) cannot wake a PD (irq_any).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "moat/image.h"

#include "fake_arch.h"
#include "irq.h"
#include "pd.h"
#include "sched.h"
#include "world.h"

#define UART 10 // a PLIC source number
#define ID   3  // the driver's id for it

static struct image_hdr hdr; // only the interrupt table is read by irq_boot
static struct pd *drv, *other;

static int
setup(void **state)
{
    world_setup(state);
    memset(&hdr, 0, sizeof(hdr));
    drv = world_pd(0, "driver", 50);
    other = world_pd(1, "other", 40);
    drv->ch[ID].flags = CH_VALID | CH_IRQ;
    drv->ch[ID].peer_id = UART;
    hdr.irq[UART] = (struct image_irq){1, 0, ID, 0};
    return 0;
}

static void
boot_fn(void *arg)
{
    irq_boot(arg);
}

static int
boot(void)
{
    return fake_catch_halt(boot_fn, &hdr);
}

static bool
enabled(unsigned s)
{
    return fake.irq_enabled[s / 64] >> (s % 64) & 1;
}

// The driver owns a second source, 95 (edge-triggered), as its id 4.
static void
own_95(void)
{
    drv->ch[4].flags = CH_VALID | CH_IRQ;
    drv->ch[4].peer_id = 95;
    hdr.irq[95] = (struct image_irq){1, 0, 4, 1};
}

static void
test_boot_enables_owned_sources(void **state)
{
    (void)state;
    own_95();

    assert_int_equal(boot(), -1);
    assert_true(enabled(UART));
    assert_true(enabled(95));
    assert_false(enabled(1));
    assert_true(fake.irq_edge[1] >> (95 - 64) & 1);
    assert_false(fake.irq_edge[0] >> UART & 1);
    assert_true(irq_any());
}

static void
test_boot_no_interrupts(void **state)
{
    (void)state;
    memset(&hdr, 0, sizeof(hdr));
    assert_int_equal(boot(), -1);
    assert_false(irq_any());
}

// A source in service (claimed, not yet acked) cannot fire: once every
// source a PD owns is, nothing can wake a waiting PD, and the idle loop
// halts.
static void
test_sources_in_service_wake_nobody(void **state)
{
    (void)state;
    own_95();
    assert_int_equal(boot(), -1);
    fake.irq_in_service[0] = 1ULL << UART;
    assert_true(irq_any()); // 95 can still fire
    fake.irq_in_service[1] = 1ULL << (95 - 64);
    assert_false(irq_any());
    fake.irq_in_service[0] = 0;
    assert_true(irq_any());
}

static void
check_panics(void)
{
    assert_int_equal(boot(), 100);
    assert_non_null(strstr(fake.console, "panic: "));
}

static void
test_boot_source_zero_panics(void **state)
{
    (void)state;
    hdr.irq[0] = (struct image_irq){1, 0, ID, 0};
    check_panics();
}

static void
test_boot_owner_out_of_range_panics(void **state)
{
    (void)state;
    hdr.irq[UART].pd = 2; // npds is 2
    check_panics();
}

static void
test_boot_id_not_an_interrupt_panics(void **state)
{
    (void)state;
    drv->ch[ID].flags = CH_VALID | CH_NOTIFY;
    check_panics();
}

static void
test_boot_id_other_source_panics(void **state)
{
    (void)state;
    drv->ch[ID].peer_id = UART + 1;
    check_panics();
}

static void
test_raise_wakes_waiting_owner(void **state)
{
    (void)state;
    assert_int_equal(boot(), -1);
    drv->state = PD_RECV;
    current = other;
    irq_raise(UART);
    assert_int_equal(drv->state, PD_RUNNABLE);
    assert_int_equal(arch_result(drv, 0), E_OK);
    assert_int_equal(arch_result(drv, 6), 1UL << ID);
    assert_ptr_equal(sched_choose(), drv); // it outranks `other`
}

static void
test_raise_pends_for_busy_owner(void **state)
{
    (void)state;
    assert_int_equal(boot(), -1);
    current = drv;
    irq_raise(UART);
    irq_raise(UART); // cannot happen before an ack, but would coalesce
    assert_int_equal(drv->pending, 1UL << ID);
    assert_int_equal(fake.irq_acks, 0); // stays masked until the driver acks
}

static void
test_raise_unowned_is_reported_and_completed(void **state)
{
    (void)state;
    assert_int_equal(boot(), -1);
    current = drv;
    irq_raise(7);
#ifdef MOAT_DEBUG
    assert_non_null(strstr(fake.console, "spurious interrupt 7"));
#else
    assert_int_equal(fake.console_len, 0);
#endif
    assert_int_equal(fake.irq_acks, 1);
    assert_int_equal(fake.irq_acked, 7);
    assert_int_equal(drv->pending, 0);
}

static void
test_ack_completes_own_source(void **state)
{
    (void)state;
    assert_int_equal(boot(), -1);
    current = drv;
    assert_ptr_equal(world_syscall(ID, 0, 0, 0, 0, 0, SYS_IRQ_ACK), drv);
    assert_int_equal(arch_result(drv, 0), E_OK);
    assert_int_equal(fake.irq_acks, 1);
    assert_int_equal(fake.irq_acked, UART);
}

static void
test_ack_errors_complete_nothing(void **state)
{
    (void)state;
    assert_int_equal(boot(), -1);
    world_end(drv, 5, CH_VALID | CH_NOTIFY, other, 1);
    current = drv;
    world_syscall(5, 0, 0, 0, 0, 0, SYS_IRQ_ACK);
    assert_int_equal(arch_result(drv, 0), E_PERM);
    world_syscall(6, 0, 0, 0, 0, 0, SYS_IRQ_ACK);
    assert_int_equal(arch_result(drv, 0), E_NOENT);
    world_syscall(62, 0, 0, 0, 0, 0, SYS_IRQ_ACK);
    assert_int_equal(arch_result(drv, 0), E_RANGE);
    current = other; // another PD cannot ack the driver's interrupt by its id
    world_syscall(ID, 0, 0, 0, 0, 0, SYS_IRQ_ACK);
    assert_int_equal(arch_result(other, 0), E_NOENT);
    assert_int_equal(fake.irq_acks, 0);
}

static void
test_deferred_ack_before_wait(void **state)
{
    (void)state;
    assert_int_equal(boot(), -1);
    current = drv;
    sched_ready(other);
    assert_ptr_equal(world_syscall(ACTION_IRQ_ACK | ID, 0, 0, 0, 0, 0, SYS_RECV), other);
    assert_int_equal(drv->state, PD_RECV);
    assert_int_equal(fake.irq_acks, 1);
    assert_int_equal(fake.irq_acked, UART);
}

static void
test_deferred_ack_bad_id_changes_nothing(void **state)
{
    (void)state;
    assert_int_equal(boot(), -1);
    current = drv;
    world_snap();
    world_syscall(ACTION_IRQ_ACK | 9, 0, 0, 0, 0, 0, SYS_RECV);
    world_unchanged(drv, E_NOENT);
    assert_int_equal(fake.irq_acks, 0);
}

int
main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
#define T(f) {WORLD_NAME(f), f, setup, NULL, NULL}
        T(test_boot_enables_owned_sources),
        T(test_boot_no_interrupts),
        T(test_sources_in_service_wake_nobody),
        T(test_boot_source_zero_panics),
        T(test_boot_owner_out_of_range_panics),
        T(test_boot_id_not_an_interrupt_panics),
        T(test_boot_id_other_source_panics),
        T(test_raise_wakes_waiting_owner),
        T(test_raise_pends_for_busy_owner),
        T(test_raise_unowned_is_reported_and_completed),
        T(test_ack_completes_own_source),
        T(test_ack_errors_complete_nothing),
        T(test_deferred_ack_before_wait),
        T(test_deferred_ack_bad_id_changes_nothing),
#undef T
    };

    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("irq", tests, NULL, NULL);
}
