// SPDX-License-Identifier: BSD-2-Clause
//
// Unit tests of kernel/trace.c, the IPC timeline's ring, and of the events
// the IPC paths record in it: the ring keeps the newest TRACE_EVENTS events
// oldest first (wrap-around, ordering), a context switch is recorded once,
// calls, replies and notifications are recorded by whichever path takes
// them (this file is built for syscall() and, with WORLD_FASTPATH, for the
// fast path, whose call and reply are one TRACE_SWITCHED event each: proof
// that the fast path took them) and rejected calls record nothing; a fault
// names the parent that gets it; the dump is the documented text and its
// hex gives back the ring's bytes; SYS_DEBUG_DUMP's errors (built as the
// debug kernel and, into build/unit/bench/, as the benchmark kernel).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fake_arch.h"
#include "pd.h"
#include "sched.h"
#include "trace.h"
#include "world.h"

#define TAG(label, len) ((word_t)(label) << 12 | (len))

#ifdef WORLD_FASTPATH
#define WORLD_FAST 1
#else
#define WORLD_FAST 0
#endif

static int
setup(void **state)
{
    world_setup(state);
    trace_reset();
    return 0;
}

static struct pd *
sys(word_t nr, word_t a0, word_t a1, word_t a2, word_t a3, word_t a4, word_t a5)
{
    return world_syscall(a0, a1, a2, a3, a4, a5, nr);
}

static void
check_event(unsigned i, unsigned kind, unsigned pd, unsigned peer, uint32_t arg)
{
    const struct trace_event *e = trace_get(i);

    assert_int_equal(e->kind & ~TRACE_SWITCHED, kind);
    assert_int_equal(e->pd, pd);
    assert_int_equal(e->peer, peer);
    assert_int_equal(e->arg, arg);
}

static void
test_empty(void **state)
{
    (void)state;
    assert_int_equal(trace_count(), 0);
}

static void
test_order(void **state)
{
    (void)state;
    struct pd *a = world_pd(0, "a", 1), *b = world_pd(1, "b", 2);

    trace_record(TRACE_NOTIFY, a, b, 7);
    trace_record(TRACE_CALL, b, a, 0x1234);
    trace_record(TRACE_IRQ, a, NULL, 10);
    assert_int_equal(trace_count(), 3);
    check_event(0, TRACE_NOTIFY, 0, 1, 7);
    check_event(1, TRACE_CALL, 1, 0, 0x1234);
    check_event(2, TRACE_IRQ, 0, TRACE_NO_PD, 10);
    assert_true(trace_get(0)->time < trace_get(1)->time);
    assert_true(trace_get(1)->time < trace_get(2)->time);
}

// Past TRACE_EVENTS the oldest go: the ring holds the newest, oldest first.
static void
test_wrap_keeps_newest_in_order(void **state)
{
    (void)state;
    struct pd *a = world_pd(0, "a", 1);
    const unsigned extra = 5;

    for (unsigned i = 0; i < TRACE_EVENTS + extra; i++)
        trace_record(TRACE_NOTIFY, a, a, i);
    assert_int_equal(trace_count(), TRACE_EVENTS + extra);
    for (unsigned i = 0; i < TRACE_EVENTS; i++) {
        assert_int_equal(trace_get(i)->arg, i + extra);
        if (i)
            assert_true(trace_get(i - 1)->time < trace_get(i)->time);
    }
    // Once more round, exactly: still in order.
    for (unsigned i = 0; i < TRACE_EVENTS; i++)
        trace_record(TRACE_CALL, a, a, 100000 + i);
    check_event(0, TRACE_CALL, 0, 0, 100000);
    check_event(TRACE_EVENTS - 1, TRACE_CALL, 0, 0, 100000 + TRACE_EVENTS - 1);
}

static void
test_switch_recorded_once(void **state)
{
    (void)state;
    struct pd *a = world_pd(0, "a", 1), *b = world_pd(1, "b", 2);

    trace_switch(a);
    trace_switch(a); // back to the PD that ran: no switch
    trace_switch(b);
    trace_switch(NULL);
    trace_switch(NULL);
    trace_switch(a);
    assert_int_equal(trace_count(), 4);
    check_event(0, TRACE_SWITCH, 0, TRACE_NO_PD, 0);
    check_event(1, TRACE_SWITCH, 1, 0, 0);
    check_event(2, TRACE_SWITCH, TRACE_NO_PD, 1, 0);
    check_event(3, TRACE_SWITCH, 0, TRACE_NO_PD, 0);
}

// A call, its reply and a notification, as examples/ipc makes them.
static void
test_ipc_events(void **state)
{
    (void)state;
    struct pd *c = world_pd(0, "client", 5), *s = world_pd(1, "server", 9);
    unsigned n;

    // The channel's fast-path rights (pd_boot's) and a passive server: the
    // fast path takes the call and its reply, the general path the rest.
    world_end(c, 13, CH_VALID | CH_NOTIFY | CH_PPC | CH_FAST_NOTIFY | CH_FAST_PPC, s, 37);
    world_end(s, 37, CH_VALID | CH_NOTIFY | CH_CALLEE | CH_FAST_NOTIFY, c, 13);
    s->sckind = SC_PASSIVE;
    s->state = PD_RECV;
    current = c;
    assert_ptr_equal(sys(SYS_CALL, 13, TAG(1, 2), 1, 2, 0, 0), s);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 1), 3, 0, 0, 0), c);
    c->state = PD_RECV;
    current = s;
    s->state = PD_RUNNABLE;
    sys(SYS_NOTIFY, 37, 0, 0, 0, 0, 0);
    n = 0;
    for (unsigned i = 0; i < trace_count(); i++) {
        const struct trace_event *e = trace_get(i);
        if (e->kind == TRACE_SWITCH)
            continue;
        if (n == 0)
            check_event(i, TRACE_CALL, 0, 1, TAG(1, 2));
        else if (n == 1)
            check_event(i, TRACE_REPLY, 1, 0, TAG(2, 1));
        else if (n == 2)
            check_event(i, TRACE_NOTIFY, 1, 0, 37);
        // The fast path's call and reply switch with them: one event, flagged
        // (the general path's switches are arch_resume's). A notification to
        // a PD of lower priority switches nothing.
        assert_int_equal(!!(e->kind & TRACE_SWITCHED), WORLD_FAST && n < 2);
        n++;
    }
    assert_int_equal(n, 3);
}

// A refused call records nothing.
static void
test_rejected_records_nothing(void **state)
{
    (void)state;
    struct pd *c = world_pd(0, "client", 5);

    current = c;
    sys(SYS_NOTIFY, 3, 0, 0, 0, 0, 0);      // no such channel
    sys(SYS_CALL, 70, 0, 0, 0, 0, 0);       // out of range
    sys(SYS_NOTIFY, MOAT_MAX_CHANNELS, 0, 0, 0, 0, 0);
    assert_int_equal(trace_count(), 0);
}

static int
unhex(char ch)
{
    static const char digits[] = "0123456789abcdef";
    const char *p = strchr(digits, ch);

    return ch && p ? (int)(p - digits) : -1;
}

// Decode the dump's data lines in text into out; returns the bytes.
static size_t
decode_dump(const char *text, uint8_t *out, size_t max)
{
    size_t n = 0;
    const char *p = text;

    while ((p = strstr(p, "moat: trace data ")) != NULL) {
        p += strlen("moat: trace data ");
        for (; *p != '\n'; p += 2) {
            int hi = unhex(p[0]), lo = unhex(p[1]);
            assert_true(hi >= 0 && lo >= 0);
            assert_true(n < max);
            out[n++] = (uint8_t)(hi << 4 | lo);
        }
    }
    return n;
}

static void
test_dump_text(void **state)
{
    (void)state;
    struct pd *a = world_pd(0, "client", 1), *b = world_pd(1, "server", 2);
    static uint8_t got[5 * 16 + 16];

    npds = 2;
    for (unsigned i = 0; i < 5; i++)
        trace_record(TRACE_NOTIFY + i % 3, a, b, 0xabcd0000 + i);
    trace_dump();
    assert_non_null(strstr(fake.console, "moat: trace v2: 2 pds, 1 cpus\n"
                                         "moat: trace pd 0 cpu 0 client\n"
                                         "moat: trace pd 1 cpu 0 server\n"
                                         "moat: trace begin\n"
                                         "moat: trace cpu 0: 5 events, 0 lost\n"
                                         "moat: trace data "));
    assert_non_null(strstr(fake.console, "\nmoat: trace end\n"));
    // 4 events a line: two data lines, the second with one event.
    const char *d1 = strstr(fake.console, "moat: trace data ");
    const char *d2 = strstr(d1 + 1, "moat: trace data ");
    assert_non_null(d2);
    assert_int_equal(strchr(d1, '\n') - d1, strlen("moat: trace data ") + 4 * 32);
    assert_int_equal(strchr(d2, '\n') - d2, strlen("moat: trace data ") + 32);
    assert_null(strstr(d2 + 1, "moat: trace data "));
    assert_int_equal(decode_dump(fake.console, got, sizeof got), 5 * 16);
    for (unsigned i = 0; i < 5; i++)
        assert_memory_equal(got + 16 * i, trace_get(i), 16);
}

static void
test_dump_after_wrap_says_lost(void **state)
{
    (void)state;
    struct pd *a = world_pd(0, "a", 1);

    npds = 1;
    for (unsigned i = 0; i < TRACE_EVENTS + 7; i++)
        trace_record(TRACE_IRQ, a, NULL, i);
    fake.console_len = 0;
    trace_dump();
    fake.console[fake.console_len] = '\0';
    assert_non_null(strstr(fake.console, "moat: trace cpu 0: 4096 events, 7 lost\n"));
}

// A fault: the PD, the parent that gets it (none: TRACE_NO_PD), its label.
static void
test_fault_recorded(void **state)
{
    (void)state;
    struct pd *a = world_pd(0, "a", 1), *p = world_pd(1, "parent", 2);
    struct pd *b = world_pd(2, "b", 1);
    const word_t msg[5] = {6, 0x200010, 0x1000, 0, 13};

    npds = 3;
    b->parent = p;
    p->state = PD_RECV;
    current = a;
    pd_fault(a, "load page fault", 0x200010, 0x1000, msg);
    assert_int_equal(a->state, PD_STOPPED); // nobody handles it
    current = b;
    pd_fault(b, "load page fault", 0x200010, 0x1000, msg);
    assert_int_equal(b->state, PD_FAULTED);
    assert_int_equal(trace_count(), 2);
    check_event(0, TRACE_FAULT, 0, TRACE_NO_PD, 6);
    check_event(1, TRACE_FAULT, 2, 1, 6);
}

// SYS_DEBUG_DUMP: the trace in debug and benchmark kernels, the PD table in
// debug ones only; anything else is E_INVAL, and a dump leaves the ring alone.
static void
test_debug_dump_call(void **state)
{
    (void)state;
    struct pd *a = world_pd(0, "client", 1);

    npds = 1;
    current = a;
    trace_record(TRACE_IRQ, a, NULL, 3);
    fake.console_len = 0;
    sys(SYS_DEBUG_DUMP, DEBUG_DUMP_TRACE, 0, 0, 0, 0, 0);
    assert_int_equal(arch_result(a, 0), E_OK);
    fake.console[fake.console_len] = '\0';
    assert_non_null(strstr(fake.console, "moat: trace cpu 0: 1 events, 0 lost\n"));
    assert_int_equal(trace_count(), 1);
    sys(SYS_DEBUG_DUMP, DEBUG_DUMP_PDS, 0, 0, 0, 0, 0);
#ifdef MOAT_DEBUG
    assert_int_equal(arch_result(a, 0), E_OK);
#else
    assert_int_equal(arch_result(a, 0), E_INVAL); // a benchmark kernel has no PD table to print
#endif
    fake.console_len = 0;
    sys(SYS_DEBUG_DUMP, 2, 0, 0, 0, 0, 0);
    assert_int_equal(arch_result(a, 0), E_INVAL);
    sys(SYS_DEBUG_DUMP, ~(word_t)0, 0, 0, 0, 0, 0);
    assert_int_equal(arch_result(a, 0), E_INVAL);
    fake.console[fake.console_len] = '\0';
    assert_null(strstr(fake.console, "moat: trace"));
    assert_int_equal(trace_count(), 1);
}

int
main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
#ifdef MOAT_BENCHMARK
#define T(f) {#f " [benchmark]", f, setup, NULL, NULL}
#else
#define T(f) {WORLD_NAME(f), f, setup, NULL, NULL}
#endif
        T(test_empty),
        T(test_order),
        T(test_wrap_keeps_newest_in_order),
        T(test_switch_recorded_once),
        T(test_ipc_events),
        T(test_rejected_records_nothing),
        T(test_dump_text),
        T(test_dump_after_wrap_says_lost),
        T(test_fault_recorded),
        T(test_debug_dump_call),
#undef T
    };

    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("trace", tests, NULL, NULL);
}
