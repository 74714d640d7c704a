// SPDX-License-Identifier: BSD-2-Clause
//
// Unit tests of kernel/ipc.c, driven mostly through world_syscall() as the trap
// path drives it: notifications coalesce and several channels arrive in one
// wait; a signal to a waiting higher-priority PD preempts the sender, which
// stays at the front of its queue; a call to a waiting callee switches to it
// directly; long messages travel through the IPC buffers; a call to a busy
// callee queues; a reply puts the caller at the front; a stopped PD releases
// its callers with E_DEAD; calls nest.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fake_arch.h"
#include "ipc.h"
#include "pd.h"
#include "sched.h"
#include "syscall.h"
#include "world.h"

// A fault message for pd_fault (no parent takes it in these tests).
static const word_t no_msg[5];

#define TAG(label, len) ((word_t)(label) << 12 | (len))

static struct pd *
sys(word_t nr, word_t a0, word_t a1, word_t a2, word_t a3, word_t a4, word_t a5)
{
    return world_syscall(a0, a1, a2, a3, a4, a5, nr);
}

static struct pd *
queued(unsigned i, const char *name, unsigned prio)
{
    struct pd *pd = world_pd(i, name, prio);

    sched_ready(pd);
    return pd;
}

static void
check_message(struct pd *pd, word_t tag, word_t m0, word_t m1, word_t m2, word_t m3)
{
    assert_int_equal(arch_result(pd, 0), E_OK);
    assert_int_equal(arch_result(pd, 1), tag);
    assert_int_equal(arch_result(pd, 2), m0);
    assert_int_equal(arch_result(pd, 3), m1);
    assert_int_equal(arch_result(pd, 4), m2);
    assert_int_equal(arch_result(pd, 5), m3);
}

static void
test_signals_coalesce_until_wait(void **state)
{
    (void)state;
    struct pd *s = world_running(0, "sender", 5);
    struct pd *r = queued(1, "receiver", 5);

    world_notify_chan(s, 1, r, 3);
    word_t r_a6 = arch_result(r, 6);
    assert_ptr_equal(sys(SYS_NOTIFY, 1, 0, 0, 0, 0, 0), s);
    assert_ptr_equal(sys(SYS_NOTIFY, 1, 0, 0, 0, 0, 0), s);
    assert_int_equal(arch_result(s, 0), E_OK);
    assert_int_equal(r->pending, 1UL << 3);
    assert_int_equal(arch_result(r, 6), r_a6); // not delivered yet: it does not wait

    s->state = PD_RECV; // the sender waits; the receiver runs
    assert_ptr_equal(sched_choose(), r);
    assert_ptr_equal(sys(SYS_RECV, ACTION_NONE, 0, 0, 0, 0, 0), r); // returns at once
    assert_int_equal(r->state, PD_RUNNABLE);
    assert_int_equal(arch_result(r, 0), E_OK);
    assert_int_equal(arch_result(r, 1), 0);
    assert_int_equal(arch_result(r, 6), 1UL << 3);
    assert_int_equal(r->pending, 0);
    // Both signals were one event: the next wait blocks.
    assert_null(sys(SYS_RECV, ACTION_NONE, 0, 0, 0, 0, 0));
    assert_int_equal(r->state, PD_RECV);
}

// SYS_POLL takes what a wait would take at once, and with nothing there
// returns at once with badge 0, the PD still running; it performs its
// action and refuses what SYS_RECV refuses.
static void
test_poll(void **state)
{
    (void)state;
    struct pd *p = world_running(0, "poller", 5);
    struct pd *o = queued(1, "other", 5);
    struct pd *c = queued(2, "caller", 1);

    world_notify_chan(p, 1, o, 3);
    world_call_chan(c, 4, p, 6);
    arch_result(p, 6) = 0x55;
    assert_ptr_equal(sys(SYS_POLL, ACTION_NONE, 0, 0, 0, 0, 0), p);
    assert_int_equal(p->state, PD_RUNNABLE);
    assert_int_equal(arch_result(p, 0), E_OK);
    assert_int_equal(arch_result(p, 6), 0);
    assert_ptr_equal(sys(SYS_POLL, ACTION_NOTIFY | 1, 0, 0, 0, 0, 0), p); // the action is done
    assert_int_equal(o->pending, 1UL << 3);
    assert_ptr_equal(sys(SYS_POLL, ACTION_NOTIFY | 9, 0, 0, 0, 0, 0), p);
    assert_int_equal(arch_result(p, 0), E_NOENT);
    assert_ptr_equal(sys(SYS_POLL, 7, 0, 0, 0, 0, 0), p);
    assert_int_equal(arch_result(p, 0), E_INVAL);
    p->pending = 1UL << 1 | 1UL << 2;
    assert_ptr_equal(sys(SYS_POLL, ACTION_NONE, 0, 0, 0, 0, 0), p);
    assert_int_equal(arch_result(p, 6), 1UL << 1 | 1UL << 2);
    assert_int_equal(p->pending, 0);
    // A queued call is taken as SYS_RECV takes it; a poll while serving it
    // would drop it, and is refused.
    sched_remove(c);
    c->state = PD_CALL;
    c->callee = p;
    ipc_set_regs(c, 6, TAG(9, 1), 11, 0, 0, 0);
    p->callq = c;
    assert_ptr_equal(sys(SYS_POLL, ACTION_NONE, 0, 0, 0, 0, 0), p);
    assert_int_equal(arch_result(p, 6), BADGE_PPC | 6);
    assert_int_equal(arch_result(p, 1), TAG(9, 1));
    assert_int_equal(arch_result(p, 2), 11);
    assert_ptr_equal(p->caller, c);
    assert_ptr_equal(sys(SYS_POLL, ACTION_NONE, 0, 0, 0, 0, 0), p);
    assert_int_equal(arch_result(p, 0), E_STATE);
    assert_ptr_equal(p->caller, c);
}

static void
test_signals_of_several_channels_arrive_together(void **state)
{
    (void)state;
    struct pd *s = world_running(0, "sender", 5);
    struct pd *o = queued(2, "other", 5);
    struct pd *r = queued(1, "receiver", 5);

    world_notify_chan(s, 1, r, 3);
    world_notify_chan(s, 2, r, 7);
    world_notify_chan(o, 0, r, 61);
    sys(SYS_NOTIFY, 2, 0, 0, 0, 0, 0);
    sys(SYS_NOTIFY, 1, 0, 0, 0, 0, 0);
    s->state = PD_RECV; // the sender waits; other runs and signals too
    assert_ptr_equal(sched_choose(), o);
    sys(SYS_NOTIFY, 0, 0, 0, 0, 0, 0);
    o->state = PD_RECV;
    assert_ptr_equal(sched_choose(), r);
    assert_ptr_equal(sys(SYS_RECV, ACTION_NONE, 0, 0, 0, 0, 0), r);
    assert_int_equal(arch_result(r, 0), E_OK);
    assert_int_equal(arch_result(r, 6), 1UL << 3 | 1UL << 7 | 1UL << 61);
    assert_int_equal(r->pending, 0);
}

static void
test_signal_wakes_waiting_receiver(void **state)
{
    (void)state;
    struct pd *s = world_running(0, "sender", 5);
    struct pd *r = world_waiting(1, "receiver", 5);

    world_notify_chan(s, 1, r, 3);
    assert_ptr_equal(sys(SYS_NOTIFY, 1, 0, 0, 0, 0, 0), s);
    assert_int_equal(r->state, PD_RUNNABLE);
    assert_int_equal(r->pending, 0);
    assert_int_equal(arch_result(r, 0), E_OK);
    assert_int_equal(arch_result(r, 1), 0);
    assert_int_equal(arch_result(r, 6), 1UL << 3);
    assert_string_equal(world_queue(), "receiver");
}

static void
test_signal_to_higher_waiter_preempts_sender(void **state)
{
    (void)state;
    struct pd *s = world_running(0, "sender", 5);
    struct pd *h = world_waiting(1, "high", 9);

    queued(2, "equal", 5); // queued before the sender is preempted
    world_notify_chan(s, 1, h, 3);
    assert_ptr_equal(sys(SYS_NOTIFY, 1, 0, 0, 0, 0, 0), h);
    assert_ptr_equal(current, h);
    assert_int_equal(arch_result(h, 6), 1UL << 3);
    assert_int_equal(s->state, PD_RUNNABLE);
    assert_int_equal(arch_result(s, 0), E_OK);
    // The sender keeps its turn: it runs before its equal when high waits.
    assert_string_equal(world_queue(), "sender equal");
}

static void
test_signal_to_lower_waiter_does_not_preempt(void **state)
{
    (void)state;
    struct pd *s = world_running(0, "sender", 5);
    struct pd *l = world_waiting(1, "low", 2);
    struct pd *e = world_waiting(2, "equal", 5);

    queued(3, "other", 5);
    world_notify_chan(s, 1, l, 3);
    world_notify_chan(s, 2, e, 4);
    assert_ptr_equal(sys(SYS_NOTIFY, 1, 0, 0, 0, 0, 0), s);
    assert_ptr_equal(sys(SYS_NOTIFY, 2, 0, 0, 0, 0, 0), s);
    assert_int_equal(l->state, PD_RUNNABLE);
    assert_int_equal(e->state, PD_RUNNABLE);
    // A woken PD queues behind its equals.
    assert_string_equal(world_queue(), "other equal low");
}

static void
test_call_switches_to_waiting_callee(void **state)
{
    (void)state;
    struct pd *c = world_running(0, "client", 5);
    struct pd *s = world_waiting(1, "server", 9);
    word_t tag = TAG(0xabc, 3);

    queued(2, "equal", 5);
    world_call_chan(c, 1, s, 6);
    assert_ptr_equal(sys(SYS_CALL, 1, tag, 11, 22, 33, 44), s);
    assert_ptr_equal(current, s);
    check_message(s, tag, 11, 22, 33, 44);
    assert_int_equal(arch_result(s, 6), BADGE_PPC | 6);
    assert_int_equal(s->state, PD_RUNNABLE);
    assert_ptr_equal(s->caller, c);
    assert_int_equal(c->state, PD_CALL);
    assert_ptr_equal(c->callee, s);
    assert_null(c->next);
    // The caller is in no queue; nothing else moved.
    assert_string_equal(world_queue(), "equal");
}

static void
long_call(word_t len)
{
    struct pd *c = world_running(0, "client", 5);
    struct pd *s = world_waiting(1, "server", 9);

    world_call_chan(c, 1, s, 6);
    for (unsigned i = 0; i < MOAT_MSG_MAX; i++) {
        *world_mr(c, i) = 0x1000 + i;
        *world_mr(s, i) = 0xdead0000 + i;
    }
    world_ipc[1][0] = 0x5eed;
    *world_mr(s, MOAT_MSG_MAX) = 0xfeed;
    assert_ptr_equal(sys(SYS_CALL, 1, TAG(7, len), 1, 2, 3, 4), s);
    check_message(s, TAG(7, len), 1, 2, 3, 4);
    for (unsigned i = 0; i < MOAT_MSG_REGS; i++) // staging slots: never copied
        assert_int_equal(*world_mr(s, i), 0xdead0000 + i);
    for (unsigned i = MOAT_MSG_REGS; i < MOAT_MSG_MAX; i++)
        assert_int_equal(*world_mr(s, i), i < len ? 0x1000 + i : 0xdead0000 + i);
    assert_int_equal(world_ipc[1][0], 0x5eed);
    assert_int_equal(*world_mr(s, MOAT_MSG_MAX), 0xfeed);
}

static void
test_call_long_message_120(void **state)
{
    (void)state;
    long_call(MOAT_MSG_MAX);
}

static void
test_call_message_5_copies_one_word(void **state)
{
    (void)state;
    long_call(5);
}

static void
test_call_message_4_copies_nothing(void **state)
{
    (void)state;
    long_call(4);
}

static void
test_call_to_busy_callee_queues_caller(void **state)
{
    (void)state;
    struct pd *c = world_running(0, "client", 5);
    struct pd *s = world_pd(1, "server", 9);
    struct pd *e = queued(2, "equal", 5);

    // The server is busy: it is itself blocked in a call (state built by hand).
    s->state = PD_CALL;
    world_call_chan(c, 1, s, 6);
    for (unsigned i = 0; i < 6; i++)
        *world_mr(c, i) = 0x2000 + i;
    word_t s_regs[32];
    memcpy(s_regs, s->arch.regs.x, sizeof(s_regs));

    assert_ptr_equal(sys(SYS_CALL, 1, TAG(0x77, 6), 10, 20, 30, 40), e);
    assert_int_equal(c->state, PD_CALL);
    assert_ptr_equal(c->callee, s);
    assert_ptr_equal(s->callq, c);
    assert_null(s->caller);
    assert_memory_equal(s_regs, s->arch.regs.x, sizeof(s_regs)); // nothing delivered yet

    // The server becomes free and waits: the queued call is its result at once.
    e->state = PD_RECV;
    s->state = PD_RUNNABLE;
    current = s;
    assert_ptr_equal(sys(SYS_RECV, ACTION_NONE, 0, 0, 0, 0, 0), s);
    check_message(s, TAG(0x77, 6), 10, 20, 30, 40);
    assert_int_equal(arch_result(s, 6), BADGE_PPC | 6);
    assert_int_equal(*world_mr(s, 4), 0x2004);
    assert_int_equal(*world_mr(s, 5), 0x2005);
    assert_ptr_equal(s->caller, c);
    assert_null(s->callq);
    assert_null(c->next);
    assert_int_equal(c->state, PD_CALL);
}

static void
test_queued_callers_served_in_order(void **state)
{
    (void)state;
    struct pd *s = world_pd(0, "server", 9);
    struct pd *c1 = world_pd(1, "c1", 5);
    struct pd *c2 = world_pd(2, "c2", 6);

    s->state = PD_CALL; // busy
    world_call_chan(c1, 0, s, 10);
    world_call_chan(c2, 0, s, 20);
    current = c2;
    assert_null(sys(SYS_CALL, 0, TAG(2, 0), 0, 0, 0, 0));
    current = c1;
    assert_null(sys(SYS_CALL, 0, TAG(1, 0), 0, 0, 0, 0));
    assert_ptr_equal(s->callq, c2);
    assert_ptr_equal(c2->next, c1);

    s->state = PD_RUNNABLE;
    current = s;
    sys(SYS_RECV, ACTION_NONE, 0, 0, 0, 0, 0);
    assert_int_equal(arch_result(s, 6), BADGE_PPC | 20);
    assert_int_equal(arch_result(s, 1), TAG(2, 0));
    // Reply to c2, then receive c1's call in the same system call.
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(0, 0), 0, 0, 0, 0), s);
    assert_int_equal(c2->state, PD_RUNNABLE);
    assert_int_equal(arch_result(s, 6), BADGE_PPC | 10);
    assert_int_equal(arch_result(s, 1), TAG(1, 0));
    assert_ptr_equal(s->caller, c1);
    // Reply to c1; nothing left: the server blocks and c2 (higher) runs.
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(0, 0), 0, 0, 0, 0), c2);
    assert_int_equal(s->state, PD_RECV);
    assert_string_equal(world_queue(), "c1");
}

static void
test_reply_returns_message_and_caller_keeps_turn(void **state)
{
    (void)state;
    struct pd *c = world_running(0, "client", 5);
    struct pd *s = world_waiting(1, "server", 9);

    queued(2, "equal", 5);
    world_call_chan(c, 1, s, 6);
    sys(SYS_CALL, 1, TAG(1, 2), 1, 2, 0, 0);
    assert_ptr_equal(current, s);
    for (unsigned i = 4; i < 9; i++)
        *world_mr(s, i) = 0x3000 + i;
    s->pending = 1UL << 6; // so the server's wait returns and it stays current

    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(0x55, 8), 5, 6, 7, 8), s);
    check_message(c, TAG(0x55, 8), 5, 6, 7, 8);
    for (unsigned i = 4; i < 8; i++)
        assert_int_equal(*world_mr(c, i), 0x3000 + i);
    assert_int_equal(*world_mr(c, 8), 0); // beyond the reply's length
    assert_int_equal(c->state, PD_RUNNABLE);
    assert_null(c->callee);
    assert_null(s->caller);
    assert_int_equal(arch_result(s, 6), 1UL << 6);
    // The caller continues its turn: ahead of the equal that was queued first.
    assert_string_equal(world_queue(), "client equal");
}

static void
test_reply_then_block_runs_caller(void **state)
{
    (void)state;
    struct pd *c = world_running(0, "client", 5);
    struct pd *s = world_waiting(1, "server", 9);

    queued(2, "equal", 5);
    world_call_chan(c, 1, s, 6);
    sys(SYS_CALL, 1, TAG(1, 0), 0, 0, 0, 0);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 0), 9, 0, 0, 0), c);
    assert_int_equal(s->state, PD_RECV);
    assert_int_equal(arch_result(c, 2), 9);
}

static void
test_reply_with_notify_action(void **state)
{
    (void)state;
    struct pd *c = world_running(0, "client", 5);
    struct pd *s = world_waiting(1, "server", 9);
    struct pd *w = world_waiting(2, "watcher", 3);

    world_call_chan(c, 1, s, 6);
    world_notify_chan(s, 2, w, 4);
    sys(SYS_CALL, 1, TAG(1, 0), 0, 0, 0, 0);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NOTIFY | 2, TAG(2, 0), 0, 0, 0, 0), c);
    assert_int_equal(w->state, PD_RUNNABLE);
    assert_int_equal(arch_result(w, 6), 1UL << 4);
    assert_int_equal(arch_result(c, 1), TAG(2, 0));
    assert_string_equal(world_queue(), "watcher");
}

static void
test_signal_to_caller_waits_for_its_next_recv(void **state)
{
    (void)state;
    struct pd *c = world_running(0, "client", 5);
    struct pd *s = world_waiting(1, "server", 9);

    world_call_chan(c, 1, s, 6);
    sys(SYS_CALL, 1, TAG(1, 0), 0, 0, 0, 0);
    sys(SYS_NOTIFY, 6, 0, 0, 0, 0, 0); // server notifies its blocked caller
    assert_int_equal(c->state, PD_CALL);
    assert_int_equal(c->pending, 1UL << 1);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 0), 0, 0, 0, 0), c);
    assert_int_equal(arch_result(c, 1), TAG(2, 0)); // the reply, not the signal
    assert_ptr_equal(sys(SYS_RECV, ACTION_NONE, 0, 0, 0, 0, 0), c);
    assert_int_equal(arch_result(c, 6), 1UL << 1);
    assert_int_equal(arch_result(c, 1), 0);
}

static void
test_wait_takes_notification_before_queued_call(void **state)
{
    (void)state;
    struct pd *s = world_pd(0, "server", 9);
    struct pd *c = world_running(1, "client", 5);

    s->state = PD_CALL;
    world_call_chan(c, 0, s, 10);
    sys(SYS_CALL, 0, TAG(1, 0), 0, 0, 0, 0);
    s->state = PD_RUNNABLE;
    s->pending = 1UL << 2;
    current = s;
    sys(SYS_RECV, ACTION_NONE, 0, 0, 0, 0, 0);
    assert_int_equal(arch_result(s, 6), 1UL << 2);
    assert_null(s->caller);
    sys(SYS_RECV, ACTION_NONE, 0, 0, 0, 0, 0);
    assert_int_equal(arch_result(s, 6), BADGE_PPC | 10);
    assert_ptr_equal(s->caller, c);
}

// sched.c: the tick is armed while the running PD has a runnable equal. A
// call hands the CPU to a callee that has none, but the caller keeps its
// slice (held()): the tick stays armed for it, and neither the call nor the
// reply moves the timer.
static void
test_call_keeps_the_callers_tick(void **state)
{
    (void)state;
    struct pd *c = queued(0, "client", 5);
    struct pd *s = world_waiting(1, "server", 9);

    queued(2, "equal", 5);
    world_call_chan(c, 1, s, 6);
    assert_ptr_equal(sched_choose(), c);
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_arms, 1);
    assert_ptr_equal(sys(SYS_CALL, 1, TAG(1, 0), 0, 0, 0, 0), s);
    assert_true(fake.timer_armed);
    assert_true(sched_tick_armed);
    // The reply gives the CPU back to the client, on the same slice.
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 0), 0, 0, 0, 0), c);
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_arms, 1);
    assert_int_equal(fake.timer_disarms, 0);
}

// The caller's slice ends while the callee runs: the interrupt rotates
// nobody (the callee has no equal, the client is not runnable), and the
// client, resumed by the reply, goes behind its equal at once.
static void
test_slice_that_ends_in_a_call_ends_at_the_reply(void **state)
{
    (void)state;
    struct pd *c = queued(0, "client", 5);
    struct pd *s = world_waiting(1, "server", 9);
    struct pd *e = queued(2, "equal", 5);

    world_call_chan(c, 1, s, 6);
    assert_ptr_equal(sched_choose(), c);
    assert_ptr_equal(sys(SYS_CALL, 1, TAG(1, 0), 0, 0, 0, 0), s);
    fake.now = fake.timer_deadline; // the slice ends in the call
    fake.timer_armed = false;
    sched_timer();
    assert_ptr_equal(sched_choose(), s);
    assert_false(sched_tick_armed);
    assert_false(fake.timer_armed);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 0), 0, 0, 0, 0), c);
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_ticks, 1); // the slice is over: at once
    fake.now = fake.timer_deadline;
    fake.timer_armed = false;
    sched_timer();
    assert_ptr_equal(sched_choose(), e);
    assert_int_equal(c->state, PD_RUNNABLE);
}

// A PD that becomes runnable at the caller's priority during the call, with
// the tick off: the reply arms it for the caller's fresh slice.
static void
test_equal_woken_in_a_call_arms_the_tick_at_the_reply(void **state)
{
    (void)state;
    struct pd *c = queued(0, "client", 5);
    struct pd *s = world_waiting(1, "server", 9);
    struct pd *e = world_waiting(2, "equal", 5);

    world_call_chan(c, 1, s, 6);
    world_notify_chan(s, 2, e, 3);
    assert_ptr_equal(sched_choose(), c);
    assert_false(fake.timer_armed);
    assert_ptr_equal(sys(SYS_CALL, 1, TAG(1, 0), 0, 0, 0, 0), s);
    assert_ptr_equal(sys(SYS_NOTIFY, 2, 0, 0, 0, 0, 0), s); // e is queued behind c
    assert_false(fake.timer_armed);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 0), 0, 0, 0, 0), c);
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_arms, 1);
}

static void
test_signal_preemption_hands_over_without_tick(void **state)
{
    (void)state;
    struct pd *s = queued(0, "sender", 5);
    struct pd *h = world_waiting(1, "high", 9);

    queued(2, "equal", 5);
    world_notify_chan(s, 1, h, 3);
    assert_ptr_equal(sched_choose(), s);
    assert_true(fake.timer_armed);
    assert_ptr_equal(sys(SYS_NOTIFY, 1, 0, 0, 0, 0, 0), h);
    assert_false(fake.timer_armed);
}

// Server serving c1 with c2 and c3 queued; returns the server, current.
static struct pd *
busy_server(struct pd **c1, struct pd **c2, struct pd **c3)
{
    struct pd *s = world_waiting(0, "server", 9);

    *c1 = world_pd(1, "c1", 5);
    *c2 = world_pd(2, "c2", 5);
    *c3 = world_pd(3, "c3", 4);
    world_call_chan(*c1, 0, s, 1);
    world_call_chan(*c2, 0, s, 2);
    world_call_chan(*c3, 0, s, 3);
    current = *c1;
    assert_ptr_equal(sys(SYS_CALL, 0, TAG(1, 0), 0, 0, 0, 0), s);
    current = *c2; // by hand: c2 and c3 call while the server is busy
    ppc_call(*c2, s, 2, TAG(2, 0), (const word_t[4]){0});
    current = *c3;
    ppc_call(*c3, s, 3, TAG(3, 0), (const word_t[4]){0});
    current = s;
    assert_ptr_equal(s->caller, *c1);
    assert_ptr_equal(s->callq, *c2);
    assert_ptr_equal((*c2)->next, *c3);
    return s;
}

static void
test_fault_releases_caller_and_queue_with_dead(void **state)
{
    (void)state;
    struct pd *c1, *c2, *c3;
    struct pd *s = busy_server(&c1, &c2, &c3);

    pd_fault(s, "load page fault", 0x201234, 0x10, no_msg);
    assert_int_equal(s->state, PD_STOPPED);
    assert_null(s->caller);
    assert_null(s->callq);
    assert_int_equal(fake.stopped, 1);
    assert_ptr_equal(fake.stopped_pd, s);
    // No parent handles it: reported as Microkit's monitor does, by a
    // debug kernel; a release kernel says nothing.
#ifdef MOAT_DEBUG
    assert_non_null(strstr(fake.console, "MON|ERROR: faulting PD: server\n"));
    assert_non_null(strstr(fake.console, "MON|ERROR: UserException: load page fault pc=0x201234 "
                                         "addr=0x10\n"));
    assert_non_null(strstr(fake.console, "Registers: (pd server)"));
    assert_null(strstr(fake.console, "stack overflow"));
#else
    assert_int_equal(fake.console_len, 0);
#endif
    struct pd *cs[] = {c1, c2, c3};
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(cs[i]->state, PD_RUNNABLE);
        assert_int_equal(arch_result(cs[i], 0), (word_t)E_DEAD);
        assert_null(cs[i]->callee);
    }
    assert_ptr_equal(sched_choose(), c1);
    assert_string_equal(world_queue(), "c2 c3");
}

static void
test_abort_releases_waiting_callers(void **state)
{
    (void)state;
    struct pd *c1, *c2, *c3;
    struct pd *s = busy_server(&c1, &c2, &c3);

    ppc_abort(s);
    assert_null(s->caller);
    assert_null(s->callq);
    assert_int_equal(arch_result(c1, 0), (word_t)E_DEAD);
    assert_int_equal(arch_result(c2, 0), (word_t)E_DEAD);
    assert_int_equal(arch_result(c3, 0), (word_t)E_DEAD);
    assert_int_equal(fake.stopped, 0); // ppc_abort only releases; pd_fault stops
}

// A queued caller that its parent stops or restarts (pd_cancel, as
// SYS_PD_CTL does) leaves the server's queue.
static void
test_cancel_of_queued_caller_leaves_queue(void **state)
{
    (void)state;
    struct pd *c1, *c2, *c3;
    struct pd *s = busy_server(&c1, &c2, &c3);

    pd_cancel(c2);
    assert_null(c2->callee);
    assert_ptr_equal(s->callq, c3);
    assert_ptr_equal(s->caller, c1); // untouched
    assert_int_equal(c1->state, PD_CALL);
    // The server goes on with c1, then c3.
    sys(SYS_REPLY_RECV, ACTION_NONE, TAG(0, 0), 0, 0, 0, 0);
    assert_ptr_equal(s->caller, c3);
    assert_int_equal(arch_result(s, 6), BADGE_PPC | 3);
    assert_null(s->callq);
}

// A caller cancelled while the server serves it: the server's reply, when
// it comes, goes nowhere and the server takes its next caller.
static void
test_cancel_of_served_caller_loses_the_reply(void **state)
{
    (void)state;
    struct pd *c1, *c2, *c3;
    struct pd *s = busy_server(&c1, &c2, &c3);

    pd_cancel(c1);
    assert_null(s->caller);
    assert_true(s->reply_lost);
    assert_ptr_equal(s->callq, c2);
    sys(SYS_REPLY_RECV, ACTION_NONE, TAG(0, 0), 0, 0, 0, 0);
    assert_int_equal(arch_result(s, 0), E_OK);
    assert_ptr_equal(s->caller, c2); // the next queued caller
    assert_false(s->reply_lost);
    assert_int_equal(c1->state, PD_CALL); // untouched: pd_cancel's caller sets it
}

static void
test_fault_in_stack_guard_hints_overflow(void **state)
{
    (void)state;
    struct pd *p = world_running(0, "deep", 5);

    p->stack_lo = USER_STACK_TOP - 0x4000;
    pd_fault(p, "store page fault", 0x200010, p->stack_lo - 8, no_msg);
#ifdef MOAT_DEBUG
    assert_non_null(strstr(fake.console, "MON|ERROR: potential stack overflow, fault address "
                                         "within one page outside of stack region "
                                         "(stack_size is 16384 bytes)"));
#else
    assert_int_equal(fake.console_len, 0);
#endif
    assert_null(sched_choose());
}

static void
test_nested_calls(void **state)
{
    (void)state;
    struct pd *a = world_running(0, "a", 5);
    struct pd *b = world_waiting(1, "b", 10);
    struct pd *c = world_waiting(2, "c", 20);

    world_call_chan(a, 0, b, 1);
    world_call_chan(b, 0, c, 2);
    assert_ptr_equal(sys(SYS_CALL, 0, TAG(0xa, 1), 0xa0, 0, 0, 0), b);
    assert_int_equal(arch_result(b, 6), BADGE_PPC | 1);
    assert_ptr_equal(sys(SYS_CALL, 0, TAG(0xb, 1), 0xb0, 0, 0, 0), c);
    assert_int_equal(arch_result(c, 6), BADGE_PPC | 2);
    check_message(c, TAG(0xb, 1), 0xb0, 0, 0, 0);
    assert_ptr_equal(c->caller, b);
    assert_ptr_equal(b->caller, a);
    assert_int_equal(a->state, PD_CALL);
    assert_int_equal(b->state, PD_CALL);

    // c replies and waits: b resumes with c's reply; a still waits for b.
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(0xc, 1), 0xc0, 0, 0, 0), b);
    check_message(b, TAG(0xc, 1), 0xc0, 0, 0, 0);
    assert_int_equal(c->state, PD_RECV);
    assert_int_equal(a->state, PD_CALL);
    assert_ptr_equal(b->caller, a);
    // b replies to a and waits.
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(0xbb, 1), 0xbb0, 0, 0, 0), a);
    check_message(a, TAG(0xbb, 1), 0xbb0, 0, 0, 0);
    assert_int_equal(b->state, PD_RECV);
    assert_null(b->caller);
    assert_null(a->callee);
}

static void
test_nested_fault_of_innermost(void **state)
{
    (void)state;
    struct pd *a = world_running(0, "a", 5);
    struct pd *b = world_waiting(1, "b", 10);
    struct pd *c = world_waiting(2, "c", 20);

    world_call_chan(a, 0, b, 1);
    world_call_chan(b, 0, c, 2);
    sys(SYS_CALL, 0, TAG(1, 0), 0, 0, 0, 0);
    sys(SYS_CALL, 0, TAG(2, 0), 0, 0, 0, 0);
    assert_ptr_equal(current, c);
    pd_fault(c, "load page fault", 0, 0, no_msg);
    assert_ptr_equal(sched_choose(), b);
    assert_int_equal(arch_result(b, 0), (word_t)E_DEAD);
    assert_ptr_equal(b->caller, a); // b still owes a its reply
    assert_int_equal(a->state, PD_CALL);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(3, 0), 0, 0, 0, 0), a);
    assert_int_equal(arch_result(a, 1), TAG(3, 0));
    // Calls to the stopped PD fail at once.
    current = b;
    b->state = PD_RUNNABLE;
    assert_ptr_equal(sys(SYS_CALL, 0, TAG(4, 0), 0, 0, 0, 0), b);
    assert_int_equal(arch_result(b, 0), (word_t)E_DEAD);
}

int
main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        WORLD_TEST(test_signals_coalesce_until_wait),
        WORLD_TEST(test_poll),
        WORLD_TEST(test_signals_of_several_channels_arrive_together),
        WORLD_TEST(test_signal_wakes_waiting_receiver),
        WORLD_TEST(test_signal_to_higher_waiter_preempts_sender),
        WORLD_TEST(test_signal_to_lower_waiter_does_not_preempt),
        WORLD_TEST(test_call_switches_to_waiting_callee),
        WORLD_TEST(test_call_long_message_120),
        WORLD_TEST(test_call_message_5_copies_one_word),
        WORLD_TEST(test_call_message_4_copies_nothing),
        WORLD_TEST(test_call_to_busy_callee_queues_caller),
        WORLD_TEST(test_queued_callers_served_in_order),
        WORLD_TEST(test_reply_returns_message_and_caller_keeps_turn),
        WORLD_TEST(test_reply_then_block_runs_caller),
        WORLD_TEST(test_reply_with_notify_action),
        WORLD_TEST(test_signal_to_caller_waits_for_its_next_recv),
        WORLD_TEST(test_wait_takes_notification_before_queued_call),
        WORLD_TEST(test_call_keeps_the_callers_tick),
        WORLD_TEST(test_slice_that_ends_in_a_call_ends_at_the_reply),
        WORLD_TEST(test_equal_woken_in_a_call_arms_the_tick_at_the_reply),
        WORLD_TEST(test_signal_preemption_hands_over_without_tick),
        WORLD_TEST(test_fault_releases_caller_and_queue_with_dead),
        WORLD_TEST(test_abort_releases_waiting_callers),
        WORLD_TEST(test_cancel_of_queued_caller_leaves_queue),
        WORLD_TEST(test_cancel_of_served_caller_loses_the_reply),
        WORLD_TEST(test_fault_in_stack_guard_hints_overflow),
        WORLD_TEST(test_nested_calls),
        WORLD_TEST(test_nested_fault_of_innermost),
    };

    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("ipc", tests, NULL, NULL);
}
