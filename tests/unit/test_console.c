// SPDX-License-Identifier: BSD-2-Clause
//
// Unit tests of console input (console.c, SYS_CONSOLE_READ): bytes wait in
// the kernel's buffer for whichever PD reads first, in order, and those
// beyond its size are dropped; a reader that asked to be told gets
// EVENT_CONSOLE when input arrives (at once if it waits, else at its next
// wait), once; a restart forgets the request; every bad argument changes
// nothing; with a PD owning the UART every read is E_PERM.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "console.h"
#include "fake_arch.h"
#include "ipc.h"
#include "pd.h"
#include "sched.h"
#include "world.h"

static struct pd *a, *b;

static int
setup(void **state)
{
    world_setup(state);
    a = world_pd(0, "a", 20);
    b = world_pd(1, "b", 10);
    sched_ready(b);
    current = a;
    console_input_boot(true);
    return 0;
}

static struct pd *
rd(word_t n, word_t tell)
{
    return world_syscall(n, tell, 0, 0, 0, 0, SYS_CONSOLE_READ);
}

static const char *
got(struct pd *pd)
{
    return (const char *)pd->ipcbuf + IPCBUF_MR_OFFSET;
}

static void
feed(const char *s)
{
    while (*s)
        console_rx(*s++);
}

static void
test_boot(void **state)
{
    (void)state;
    assert_int_equal(fake.console_input_boots, 1);
    console_input_boot(false);
    assert_int_equal(fake.console_input_boots, 1); // the UART is a PD's: left alone
}

static void
test_bytes_in_order(void **state)
{
    (void)state;
    rd(8, 0);
    assert_int_equal(arch_result(a, 0), E_OK);
    assert_int_equal(arch_result(a, 1), 0);
    feed("hello");
    assert_ptr_equal(rd(3, 0), a);
    assert_int_equal(arch_result(a, 1), 3);
    assert_memory_equal(got(a), "hel", 3);
    rd(8, 0);
    assert_int_equal(arch_result(a, 1), 2);
    assert_memory_equal(got(a), "lo", 2);
}

static void
test_full_buffer_drops_newest(void **state)
{
    (void)state;
    for (unsigned i = 0; i < CONSOLE_READ_MAX + 10; i++)
        console_rx((char)('a' + i % 26));
    rd(CONSOLE_READ_MAX, 0);
    assert_int_equal(arch_result(a, 1), CONSOLE_READ_MAX);
    assert_int_equal(got(a)[0], 'a');
    assert_int_equal(got(a)[CONSOLE_READ_MAX - 1], 'a' + (CONSOLE_READ_MAX - 1) % 26);
    rd(1, 0);
    assert_int_equal(arch_result(a, 1), 0);
    feed("z"); // room again, and the ring wraps
    rd(1, 0);
    assert_int_equal(arch_result(a, 1), 1);
    assert_int_equal(got(a)[0], 'z');
}

static void
test_errors_change_nothing(void **state)
{
    (void)state;
    feed("x");
    static const word_t bad[][3] = {
        {0, 0, E_RANGE}, {CONSOLE_READ_MAX + 1, 0, E_RANGE}, {~0UL, 1, E_RANGE}, {1, 2, E_INVAL},
        {1, ~0UL, E_INVAL},
    };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        world_snap();
        rd(bad[i][0], bad[i][1]);
        world_unchanged_at(__LINE__, a, bad[i][2]);
        assert_int_equal(console_readers, 0);
    }
    console_input = false; // a PD owns the UART
    world_snap();
    rd(1, 1);
    world_unchanged_at(__LINE__, a, (word_t)E_PERM);
    assert_int_equal(console_readers, 0);
}

// A waiting reader is woken by the first byte, once.
static void
test_tell_wakes_waiting_reader(void **state)
{
    (void)state;
    rd(4, 1);
    assert_int_equal(arch_result(a, 1), 0);
    assert_int_equal(console_readers, 1UL << a->index);
    assert_ptr_equal(world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_RECV), b);
    assert_int_equal(a->state, PD_RECV);
    feed("ab");
    assert_int_equal(a->state, PD_RUNNABLE);
    assert_int_equal(arch_result(a, 6), BADGE_EVENT | EVENT_CONSOLE);
    assert_int_equal(console_readers, 0);
    assert_int_equal(a->events & PD_EV_INPUT, 0);
    assert_ptr_equal(sched_choose(), a); // it outranks b
    rd(4, 1);
    assert_int_equal(arch_result(a, 1), 2);
    assert_int_equal(console_readers, 0); // it had bytes: no request
}

// A reader busy when input arrives takes the event at its next wait; a
// request with bytes waiting is not made.
static void
test_tell_held_until_wait(void **state)
{
    (void)state;
    rd(4, 1);
    feed("q");
    assert_int_equal(a->events & PD_EV_INPUT, PD_EV_INPUT);
    assert_ptr_equal(world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_POLL), a);
    assert_int_equal(arch_result(a, 6), BADGE_EVENT | EVENT_CONSOLE);
    assert_ptr_equal(world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_POLL), a);
    assert_int_equal(arch_result(a, 6), 0); // once
    rd(4, 1);
    assert_int_equal(arch_result(a, 1), 1);
}

// Both readers that asked are told; the bytes go to whoever reads first.
static void
test_two_readers(void **state)
{
    (void)state;
    rd(4, 1);
    current = b;
    sched_remove(b);
    sched_ready(a);
    assert_ptr_equal(rd(4, 1), a); // a outranks b: it runs next
    assert_int_equal(console_readers, 3);
    feed("k");
    assert_int_equal(a->events & PD_EV_INPUT, PD_EV_INPUT);
    assert_int_equal(b->events & PD_EV_INPUT, PD_EV_INPUT);
    rd(4, 0);
    assert_int_equal(arch_result(a, 1), 1);
    assert_memory_equal(got(a), "k", 1);
}

static void
test_renew_forgets(void **state)
{
    (void)state;
    rd(4, 1);
    console_renew(a);
    assert_int_equal(console_readers, 0);
    feed("k");
    assert_int_equal(a->events & PD_EV_INPUT, 0);
    rd(4, 1);
    feed("j");
    console_renew(a);
    assert_int_equal(a->events & PD_EV_INPUT, 0);
}

int
main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
#define T(f) {WORLD_NAME(f), f, setup, NULL, NULL}
        T(test_boot),
        T(test_bytes_in_order),
        T(test_full_buffer_drops_newest),
        T(test_errors_change_nothing),
        T(test_tell_wakes_waiting_reader),
        T(test_tell_held_until_wait),
        T(test_two_readers),
        T(test_renew_forgets),
#undef T
    };

    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("console", tests, NULL, NULL);
}
