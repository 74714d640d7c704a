// SPDX-License-Identifier: BSD-2-Clause
//
// Unit tests of kernel/syscall.c, the trust boundary, through world_syscall() with
// `current` set as the trap path leaves it. Every call has a success test and
// one test per error of docs/abi.md; each error test asserts, through a
// snapshot of the whole PD table, the IPC buffers, the run queue and the
// timer, that the refused call changed nothing but the caller's a0, and that
// the caller keeps the CPU. Debug builds must explain each refusal on the
// console ("[client] ..."); release builds must print nothing.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "console.h"
#include "fake_arch.h"
#include "pd.h"
#include "sched.h"
#include "syscall.h"
#include "world.h"

#define TAG(label, len) ((word_t)(label) << 12 | (len))

// Channels of the client in the fixture.
enum {
    CH_TO_PEER = 0,   // notify only, to peer (peer's id 3)
    CH_TO_SERVER = 1, // call only, to server (server's id 5)
    CH_NO_RIGHTS = 2, // valid, but neither notify nor call
    CH_UNUSED = 3,    // no channel
    CH_AN_IRQ = 4,    // an interrupt
    CH_TO_DEAD = 6,   // call, to a stopped PD
    CH_TO_LOW = 61,   // notify only, to low (low's id 60), the highest id
};

static struct pd *client, *server, *peer, *low, *dead;

// client (10) runs, chosen by the scheduler; peer (10) is queued; server (20) and low (4) wait;
// dead (30) is stopped.
static int
fixture(void **state)
{
    world_setup(state);
    client = world_pd(0, "client", 10);
    server = world_pd(1, "server", 20);
    peer = world_pd(2, "peer", 10);
    low = world_pd(3, "low", 4);
    dead = world_pd(4, "dead", 30);
    world_end(client, CH_TO_PEER, CH_VALID | CH_NOTIFY, peer, 3);
    world_end(peer, 3, CH_VALID | CH_NOTIFY, client, CH_TO_PEER);
    world_end(client, CH_TO_SERVER, CH_VALID | CH_PPC, server, 5);
    world_end(server, 5, CH_VALID | CH_CALLEE, client, CH_TO_SERVER);
    world_end(client, CH_NO_RIGHTS, CH_VALID, peer, 4);
    world_end(client, CH_AN_IRQ, CH_VALID | CH_IRQ, client, CH_AN_IRQ);
    world_end(client, CH_TO_DEAD, CH_VALID | CH_PPC, dead, 0);
    world_end(client, CH_TO_LOW, CH_VALID | CH_NOTIFY, low, 60);
    world_end(low, 60, CH_VALID | CH_NOTIFY, client, CH_TO_LOW);
    server->state = PD_RECV;
    low->state = PD_RECV;
    dead->state = PD_STOPPED;
    sched_ready(client);
    sched_ready(peer);
    assert_ptr_equal(sched_choose(), client);
    assert_true(fake.timer_armed); // client and peer share the CPU
    return 0;
}

#define FIXTURE_TEST(f) {WORLD_NAME(f), f, fixture, NULL, NULL}

// The client calls the server, which now runs and serves it. Through the
// reference path, so that error tests start from its state in every build.
static void
serve_client(void)
{
    assert_ptr_equal(syscall(CH_TO_SERVER, TAG(1, 0), 0, 0, 0, 0, SYS_CALL), server);
    assert_ptr_equal(server->caller, client);
}

// Run a system call that must be refused with `want`: the caller's a0 holds
// it, nothing else changed, and the caller runs on.
static void
rejected_at(int line, word_t nr, word_t a0, word_t a1, long want)
{
    struct pd *me = current;

    me->refusals = 0; // each refusal said, however many the test makes
    world_snap();
    fake.console_len = 0;
    memset(fake.console, 0, sizeof(fake.console));
    struct pd *next = world_syscall(a0, a1, 0x22, 0x33, 0x44, 0x55, nr);
    if ((long)arch_result(me, 0) != want)
        fail_msg("line %d: a0 is %ld, want %ld", line, (long)arch_result(me, 0), want);
    if (next != me)
        fail_msg("line %d: syscall returned %s, not the caller",
                 line, next ? next->name : "NULL");
    world_unchanged_at(line, me, (word_t)want);
#ifdef MOAT_DEBUG
    static const char *const names[] = E_NAMES;
    char who[MOAT_NAME_LEN + 4], why[32];
    snprintf(who, sizeof(who), "[%s]", me->name);
    snprintf(why, sizeof(why), ": %s (", names[-want]);
    if (strncmp(fake.console, who, strlen(who)) != 0 || !strstr(fake.console, why))
        fail_msg("line %d: no debug message naming %s for the refusal; console: '%s'", line,
                 names[-want], fake.console);
#else
    if (fake.console_len != 0)
        fail_msg("line %d: release kernel printed '%s'", line, fake.console);
#endif
}
#define rejected(nr, a0, a1, want) rejected_at(__LINE__, nr, a0, a1, want)

// Lines in the fake console.
static __attribute__((unused)) int
fake_lines(void)
{
    int n = 0;

    for (const char *p = fake.console; *p; p++)
        n += *p == '\n';
    return n;
}

// A PD looping on a bad call gets 16 lines and one saying no more come,
// however long it loops; its next incarnation (pd_renew: a restart or a
// reset) gets 16 more. Release kernels print none and count nothing.
static void
test_refusals_rate_limited(void **state)
{
    (void)state;
    for (int i = 0; i < 100; i++)
        world_syscall(CH_UNUSED, 0, 0, 0, 0, 0, SYS_NOTIFY);
    assert_int_equal(arch_result(client, 0), E_NOENT);
#ifdef MOAT_DEBUG
    assert_int_equal(fake_lines(), 17);
    assert_non_null(strstr(fake.console, "[client] notify: channel 3: E_NOENT (no channel with "
                                         "that id)\n[client] notify"));
    assert_non_null(strstr(fake.console, "\n[client] further refusals not shown (the first 16 "
                                         "were; a restart or reset shows more)\n"));
    assert_null(strstr(strstr(fake.console, "further"), "notify"));
    assert_non_null(strstr(fake.console, "further"));
    pd_renew(client);
    assert_int_equal(client->refusals, 0);
    world_syscall(CH_UNUSED, 0, 0, 0, 0, 0, SYS_NOTIFY);
    assert_int_equal(fake_lines(), 18);
#else
    assert_int_equal(fake.console_len, 0);
    assert_int_equal(client->refusals, 0);
#endif
}

// --- SYS_NOTIFY ---------------------------------------------------------------

static void
test_notify_ok(void **state)
{
    (void)state;
    assert_ptr_equal(world_syscall(CH_TO_PEER, 0, 0, 0, 0, 0, SYS_NOTIFY), client);
    assert_int_equal(arch_result(client, 0), E_OK);
    assert_int_equal(peer->pending, 1UL << 3);
    assert_int_equal(peer->state, PD_RUNNABLE);
}

static void
test_notify_highest_channel_ok(void **state)
{
    (void)state;
    assert_ptr_equal(world_syscall(CH_TO_LOW, 0, 0, 0, 0, 0, SYS_NOTIFY), client);
    assert_int_equal(arch_result(client, 0), E_OK);
    assert_int_equal(low->state, PD_RUNNABLE);
    assert_int_equal(arch_result(low, 6), 1UL << 60);
    assert_string_equal(world_queue(), "peer low");
}

static void
test_notify_bad_channel(void **state)
{
    (void)state;
    rejected(SYS_NOTIFY, 62, 0, E_RANGE);
    rejected(SYS_NOTIFY, 63, 0, E_RANGE);
    rejected(SYS_NOTIFY, 64, 0, E_RANGE);
    rejected(SYS_NOTIFY, 1000, 0, E_RANGE);
    rejected(SYS_NOTIFY, ~0UL, 0, E_RANGE);
    rejected(SYS_NOTIFY, 1UL << 32, 0, E_RANGE); // not truncated to 0
}

static void
test_notify_unused_channel(void **state)
{
    (void)state;
    rejected(SYS_NOTIFY, CH_UNUSED, 0, E_NOENT);
    rejected(SYS_NOTIFY, 60, 0, E_NOENT);
}

static void
test_notify_without_right(void **state)
{
    (void)state;
    rejected(SYS_NOTIFY, CH_NO_RIGHTS, 0, E_PERM);
    rejected(SYS_NOTIFY, CH_TO_SERVER, 0, E_PERM); // a call-only channel
    rejected(SYS_NOTIFY, CH_AN_IRQ, 0, E_PERM);
}

static void
test_notify_stopped_peer_ok(void **state)
{
    (void)state;
    world_end(client, 9, CH_VALID | CH_NOTIFY, dead, 1);
    assert_ptr_equal(world_syscall(9, 0, 0, 0, 0, 0, SYS_NOTIFY), client);
    assert_int_equal(arch_result(client, 0), E_OK);
    assert_int_equal(dead->pending, 1UL << 1);
    assert_int_equal(dead->state, PD_STOPPED);
}

// --- SYS_CALL -----------------------------------------------------------------

static void
test_call_ok(void **state)
{
    (void)state;
    word_t tag = TAG(0xfffffffffffffUL, 4); // the full 52-bit label survives

    assert_ptr_equal(world_syscall(CH_TO_SERVER, tag, 1, 2, 3, 4, SYS_CALL), server);
    assert_int_equal(arch_result(server, 0), E_OK);
    assert_int_equal(arch_result(server, 1), tag);
    assert_int_equal(TAG_LABEL(arch_result(server, 1)), 0xfffffffffffffUL);
    assert_int_equal(arch_result(server, 5), 4);
    assert_int_equal(arch_result(server, 6), BADGE_PPC | 5);
    assert_int_equal(client->state, PD_CALL);
}

static void
test_call_longest_message_ok(void **state)
{
    (void)state;
    *world_mr(client, MOAT_MSG_MAX - 1) = 0x1234;
    assert_ptr_equal(world_syscall(CH_TO_SERVER, TAG(0, MOAT_MSG_MAX), 0, 0, 0, 0, SYS_CALL), server);
    assert_int_equal(arch_result(server, 0), E_OK);
    assert_int_equal(*world_mr(server, MOAT_MSG_MAX - 1), 0x1234);
}

static void
test_call_bad_channel(void **state)
{
    (void)state;
    rejected(SYS_CALL, 62, TAG(0, 0), E_RANGE);
    rejected(SYS_CALL, 1000, TAG(0, 0), E_RANGE);
    rejected(SYS_CALL, ~0UL, TAG(0, 0), E_RANGE);
    rejected(SYS_CALL, CH_UNUSED, TAG(0, 0), E_NOENT);
}

static void
test_call_without_right(void **state)
{
    (void)state;
    rejected(SYS_CALL, CH_TO_PEER, TAG(0, 0), E_PERM); // notify-only channel
    rejected(SYS_CALL, CH_NO_RIGHTS, TAG(0, 0), E_PERM);
    rejected(SYS_CALL, CH_AN_IRQ, TAG(0, 0), E_PERM);
}

static void
test_call_tag_with_caps(void **state)
{
    (void)state;
    for (unsigned bit = 7; bit < 12; bit++)
        rejected(SYS_CALL, CH_TO_SERVER, TAG(5, 1) | 1UL << bit, E_INVAL);
    rejected(SYS_CALL, CH_TO_SERVER, TAG(5, 0) | 0x1fUL << 7, E_INVAL);
}

static void
test_call_message_too_long(void **state)
{
    (void)state;
    rejected(SYS_CALL, CH_TO_SERVER, TAG(5, MOAT_MSG_MAX + 1), E_RANGE);
    rejected(SYS_CALL, CH_TO_SERVER, TAG(5, 127), E_RANGE);
}

static void
test_call_stopped_callee(void **state)
{
    (void)state;
    rejected(SYS_CALL, CH_TO_DEAD, TAG(0, 0), E_DEAD);
    rejected(SYS_CALL, CH_TO_DEAD, TAG(0, 4), E_DEAD);
}

// docs/abi.md lists each call's errors "in this order".
static void
test_call_error_order(void **state)
{
    (void)state;
    word_t caps = TAG(0, 1) | 1UL << 8, len = TAG(0, 121);

    rejected(SYS_CALL, 62, caps, E_RANGE);
    rejected(SYS_CALL, CH_UNUSED, caps, E_NOENT);
    rejected(SYS_CALL, CH_TO_PEER, caps, E_PERM);
    rejected(SYS_CALL, CH_TO_DEAD, caps, E_INVAL);
    rejected(SYS_CALL, CH_TO_DEAD, len, E_RANGE);
    rejected(SYS_CALL, CH_TO_SERVER, caps | len, E_INVAL);
}

// --- SYS_RECV -----------------------------------------------------------------

static void
test_recv_blocks(void **state)
{
    (void)state;
    assert_ptr_equal(world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_RECV), peer);
    assert_int_equal(client->state, PD_RECV);
    assert_ptr_equal(current, peer);
}

static void
test_recv_with_notify_action(void **state)
{
    (void)state;
    assert_ptr_equal(world_syscall(ACTION_NOTIFY | CH_TO_PEER, 0, 0, 0, 0, 0, SYS_RECV), peer);
    assert_int_equal(client->state, PD_RECV);
    assert_int_equal(peer->pending, 1UL << 3);
    // The peer now signals back: the waiting client wakes with the bit.
    assert_ptr_equal(world_syscall(3, 0, 0, 0, 0, 0, SYS_NOTIFY), peer);
    assert_int_equal(client->state, PD_RUNNABLE);
    assert_int_equal(arch_result(client, 0), E_OK);
    assert_int_equal(arch_result(client, 6), 1UL << CH_TO_PEER);
}

static void
test_recv_with_irq_ack_action(void **state)
{
    (void)state;
    client->pending = 1UL << 9; // so the wait returns at once
    assert_ptr_equal(world_syscall(ACTION_IRQ_ACK | CH_AN_IRQ, 0, 0, 0, 0, 0, SYS_RECV), client);
    assert_int_equal(arch_result(client, 0), E_OK);
    assert_int_equal(arch_result(client, 6), 1UL << 9);
}

static void
test_recv_bad_action_kind(void **state)
{
    (void)state;
    rejected(SYS_RECV, 3UL << 8, 0, E_INVAL);
    rejected(SYS_RECV, 0xffUL << 8, 0, E_INVAL);
    rejected(SYS_RECV, (ACTION_NOTIFY | ACTION_IRQ_ACK) | CH_TO_PEER, 0, E_INVAL);
    rejected(SYS_RECV, ACTION_NOTIFY << 2 | CH_TO_PEER, 0, E_INVAL);
    rejected(SYS_RECV, 1UL << 63, 0, E_INVAL);
    rejected(SYS_RECV, ~0UL, 0, E_INVAL);
}

static void
test_recv_action_bad_channel(void **state)
{
    (void)state;
    rejected(SYS_RECV, ACTION_NOTIFY | 62, 0, E_RANGE);
    rejected(SYS_RECV, ACTION_NOTIFY | 0xff, 0, E_RANGE);
    rejected(SYS_RECV, ACTION_NOTIFY | CH_UNUSED, 0, E_NOENT);
    rejected(SYS_RECV, ACTION_NOTIFY | CH_NO_RIGHTS, 0, E_PERM);
    rejected(SYS_RECV, ACTION_NOTIFY | CH_TO_SERVER, 0, E_PERM);
    rejected(SYS_RECV, ACTION_NOTIFY | CH_AN_IRQ, 0, E_PERM);
    rejected(SYS_RECV, ACTION_IRQ_ACK | 62, 0, E_RANGE);
    rejected(SYS_RECV, ACTION_IRQ_ACK | CH_UNUSED, 0, E_NOENT);
    rejected(SYS_RECV, ACTION_IRQ_ACK | CH_TO_PEER, 0, E_PERM);
}

static void
test_recv_none_with_channel_bits(void **state)
{
    (void)state;
    rejected(SYS_RECV, ACTION_NONE | 1, 0, E_INVAL);
    rejected(SYS_RECV, ACTION_NONE | CH_TO_PEER | 0x80, 0, E_INVAL);
    rejected(SYS_RECV, ACTION_NONE | 0xff, 0, E_INVAL);
}

// A PD serving a call that waits without replying must get an error, not
// reach ipc_wait's ASSERT(pd->caller == NULL) (STYLE.md 7: no user input may
// reach an ASSERT). E_STATE is the ABI's "does not fit the PD's state".
static void
test_recv_while_serving_a_call(void **state)
{
    (void)state;
    serve_client();
    rejected(SYS_RECV, ACTION_NONE, 0, E_STATE);
}

// --- SYS_REPLY_RECV -----------------------------------------------------------

static void
test_reply_recv_ok(void **state)
{
    (void)state;
    serve_client();
    assert_ptr_equal(world_syscall(ACTION_NONE, TAG(9, 2), 7, 8, 0, 0, SYS_REPLY_RECV), client);
    assert_int_equal(server->state, PD_RECV);
    assert_int_equal(arch_result(client, 0), E_OK);
    assert_int_equal(arch_result(client, 1), TAG(9, 2));
    assert_int_equal(arch_result(client, 2), 7);
    assert_int_equal(arch_result(client, 3), 8);
    assert_string_equal(world_queue(), "peer");
}

static void
test_reply_recv_without_caller(void **state)
{
    (void)state;
    rejected(SYS_REPLY_RECV, ACTION_NONE, TAG(0, 0), E_STATE);
    // A valid deferred notify is not performed either.
    rejected(SYS_REPLY_RECV, ACTION_NOTIFY | CH_TO_PEER, TAG(0, 0), E_STATE);
}

static void
test_reply_recv_bad_tag(void **state)
{
    (void)state;
    serve_client();
    rejected(SYS_REPLY_RECV, ACTION_NONE, TAG(0, 1) | 1UL << 7, E_INVAL);
    rejected(SYS_REPLY_RECV, ACTION_NONE, TAG(0, 0) | 1UL << 11, E_INVAL);
    rejected(SYS_REPLY_RECV, ACTION_NONE, TAG(0, MOAT_MSG_MAX + 1), E_RANGE);
    assert_int_equal(client->state, PD_CALL); // still waiting for a real reply
}

static void
test_reply_recv_bad_action(void **state)
{
    (void)state;
    serve_client();
    world_end(server, 7, CH_VALID | CH_NOTIFY, peer, 8);
    rejected(SYS_REPLY_RECV, 3UL << 8, TAG(0, 0), E_INVAL);
    rejected(SYS_REPLY_RECV, ACTION_NONE | 7, TAG(0, 0), E_INVAL);
    rejected(SYS_REPLY_RECV, ACTION_NOTIFY | 62, TAG(0, 0), E_RANGE);
    rejected(SYS_REPLY_RECV, ACTION_NOTIFY | 8, TAG(0, 0), E_NOENT);
    rejected(SYS_REPLY_RECV, ACTION_NOTIFY | 5, TAG(0, 0), E_PERM); // callee end: no notify
    rejected(SYS_REPLY_RECV, ACTION_IRQ_ACK | 7, TAG(0, 0), E_PERM);
    // The valid form still works afterwards.
    assert_ptr_equal(world_syscall(ACTION_NOTIFY | 7, TAG(0, 0), 0, 0, 0, 0, SYS_REPLY_RECV), client);
    assert_int_equal(peer->pending, 1UL << 8);
}

static void
test_reply_recv_error_order(void **state)
{
    (void)state;
    // Without a caller: action errors come before E_STATE, E_STATE before tag errors.
    rejected(SYS_REPLY_RECV, 3UL << 8, TAG(0, 0), E_INVAL);
    rejected(SYS_REPLY_RECV, ACTION_NOTIFY | 62, TAG(0, 0), E_RANGE);
    rejected(SYS_REPLY_RECV, ACTION_NONE, TAG(0, 0) | 1UL << 9, E_STATE);
    rejected(SYS_REPLY_RECV, ACTION_NONE, TAG(0, 127), E_STATE);
    // With one: action errors before tag errors.
    serve_client();
    rejected(SYS_REPLY_RECV, ACTION_NONE | 1, TAG(0, 127), E_INVAL);
    rejected(SYS_REPLY_RECV, ACTION_NOTIFY | 63, TAG(0, 127), E_RANGE);
    rejected(SYS_REPLY_RECV, ACTION_NONE, TAG(0, 127) | 1UL << 7, E_INVAL);
}

// --- SYS_IRQ_ACK --------------------------------------------------------------

static void
test_irq_ack_ok(void **state)
{
    (void)state;
    world_snap();
    assert_ptr_equal(world_syscall(CH_AN_IRQ, 0, 0, 0, 0, 0, SYS_IRQ_ACK), client);
    world_unchanged(client, E_OK);
}

static void
test_irq_ack_on_channel(void **state)
{
    (void)state;
    rejected(SYS_IRQ_ACK, CH_TO_PEER, 0, E_PERM);
    rejected(SYS_IRQ_ACK, CH_TO_SERVER, 0, E_PERM);
    rejected(SYS_IRQ_ACK, CH_NO_RIGHTS, 0, E_PERM);
}

static void
test_irq_ack_bad_id(void **state)
{
    (void)state;
    rejected(SYS_IRQ_ACK, 62, 0, E_RANGE);
    rejected(SYS_IRQ_ACK, 1000, 0, E_RANGE);
    rejected(SYS_IRQ_ACK, ~0UL, 0, E_RANGE);
    rejected(SYS_IRQ_ACK, CH_UNUSED, 0, E_NOENT);
}

// --- debug calls and unknown numbers ------------------------------------------

static void
putc_(char c)
{
    assert_ptr_equal(world_syscall((word_t)(unsigned char)c, 0, 0, 0, 0, 0, SYS_DEBUG_PUTC),
                     client);
    assert_int_equal(arch_result(client, 0), E_OK);
}

// A PD's characters wait for their line's end: only the low byte counts.
static void
test_debug_putc(void **state)
{
    (void)state;
    putc_('m');
    assert_ptr_equal(world_syscall(0x100 | 'o', 0, 0, 0, 0, 0, SYS_DEBUG_PUTC), client);
    assert_int_equal(fake.console_len, 0);
    assert_true(client->events & PD_EV_LINE); // its wait is the general path's
    putc_('\n');
    assert_int_equal(fake.console_len, 3);
    assert_memory_equal(fake.console, "mo\n", 3);
    assert_false(client->events & PD_EV_LINE);
}

// The kernel's own lines never cut into a PD's line: a refused call's
// message comes out whole, before the line the PD is in the middle of.
static void
test_debug_putc_whole_lines(void **state)
{
    (void)state;
    putc_('a');
    putc_('b');
    world_syscall(CH_UNUSED, 0, 0, 0, 0, 0, SYS_NOTIFY);
    assert_int_equal(arch_result(client, 0), E_NOENT);
    putc_('\n');
#ifdef MOAT_DEBUG
    assert_string_equal(fake.console, "[client] notify: channel 3: E_NOENT (no channel with that id)\nab\n");
#else
    assert_string_equal(fake.console, "ab\n");
#endif
}

// A line longer than the buffer is written a buffer at a time.
static void
test_debug_putc_long_line(void **state)
{
    (void)state;
    for (int i = 0; i < CONSOLE_LINE + 2; i++)
        putc_((char)('a' + i % 26));
    assert_int_equal(fake.console_len, CONSOLE_LINE);
    assert_int_equal(console_lines[client->index].len, 2);
}

// A PD that waits has its partial line written as it is (a prompt).
static void
test_debug_putc_wait_writes(void **state)
{
    (void)state;
    putc_('>');
    putc_(' ');
    assert_ptr_equal(world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_RECV), peer);
    assert_string_equal(fake.console, "> ");
    assert_int_equal(client->state, PD_RECV);
    assert_int_equal(client->events, 0);
}

// So does one that blocks in a notification-only wait; a wait that
// returns at once (a poll) leaves the line to be finished.
static void
test_debug_putc_ntfn_wait_writes(void **state)
{
    (void)state;
    putc_('?');
    assert_ptr_equal(world_syscall(CAP_MK_INPUT, 1, 0, 0, 0, 0, SYS_WAIT), client);
    assert_int_equal(fake.console_len, 0);
    assert_ptr_equal(world_syscall(CAP_MK_INPUT, 0, 0, 0, 0, 0, SYS_WAIT), peer);
    assert_string_equal(fake.console, "?");
    assert_int_equal(client->state, PD_WAIT);
}

// A wait that an event ends at once leaves the line held.
static void
test_debug_putc_wait_returning_keeps_line(void **state)
{
    (void)state;
    client->pending = 1;
    putc_('.');
    assert_ptr_equal(world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_RECV), client);
    assert_int_equal(fake.console_len, 0);
    assert_true(client->events & PD_EV_LINE);
}

// A PD that faults has its partial line ended before the fault's report.
static void
test_debug_putc_fault_ends_line(void **state)
{
    (void)state;
    const word_t msg[5] = {FAULT_VM, 0x200010, 0x1000, 0, 0xd};

    putc_('x');
    pd_fault(client, "load page fault", 0x200010, 0x1000, msg);
    assert_memory_equal(fake.console, "x\n", 2);
#ifdef MOAT_DEBUG
    assert_non_null(strstr(fake.console, "\nMON|ERROR: faulting PD: client\n"));
#endif
    assert_false(client->events & PD_EV_LINE);
}

// A fault nobody handles is reported (debug kernels) with the pc and the
// return address on a line of their own, for `moat symbolize`; release
// kernels say nothing.
static void
test_fault_report_lines(void **state)
{
    (void)state;
    const word_t msg[5] = {FAULT_VM, 0x200010, 0x1000, 0, 0xd};

    arch_ret(client) = 0x200abc;
    pd_fault(client, "load page fault", 0x200010, 0x1000, msg);
#ifdef MOAT_DEBUG
    assert_non_null(strstr(fake.console, "MON|ERROR: faulting PD: client\n"
                                         "MON|ERROR: VMFault: load page fault pc=0x200010 "
                                         "addr=0x1000 (data fault)\n"
                                         "MON|ERROR: pc=0x200010 ra=0x200abc (moat symbolize "
                                         "names their lines)\n"
                                         "Registers: "));
#else
    assert_int_equal(fake.console_len, 0);
#endif
    assert_int_equal(client->state, PD_STOPPED);
}

static void
test_unknown_syscall(void **state)
{
    (void)state;
    rejected(SYS_COUNT, 0, 0, E_NOSYS);
    rejected(SYS_COUNT + 1, 0, 0, E_NOSYS);
    rejected(SYS_BENCH, BENCH_RESET_LOG, 0, E_NOSYS); // the benchmark kernel's only (test_bench)
    rejected(1000, 0, 0, E_NOSYS);
    rejected(1UL << 32 | SYS_NOTIFY, CH_TO_PEER, 0, E_NOSYS); // not truncated
    rejected(~0UL, 0, 0, E_NOSYS);
}

static void
halt_call(void *arg)
{
    world_syscall(*(word_t *)arg, 0, 0, 0, 0, 0, SYS_DEBUG_HALT);
}

#ifdef MOAT_DEBUG
static void
test_debug_halt(void **state)
{
    (void)state;
    word_t code = 3;

    assert_int_equal(fake_catch_halt(halt_call, &code), 3);
    assert_int_equal(fake.halts, 1);
    assert_non_null(strstr(fake.console, "pd 'client' halted the system with code 3"));
    code = 0;
    assert_int_equal(fake_catch_halt(halt_call, &code), 0);
    code = 255;
    assert_int_equal(fake_catch_halt(halt_call, &code), 255);
    code = 256;
    assert_int_equal(fake_catch_halt(halt_call, &code), 255); // clamped, not wrapped to 0
    code = ~0UL;
    assert_int_equal(fake_catch_halt(halt_call, &code), 255);
    assert_int_equal(fake.halts, 5);
}
#else
static void
test_debug_halt_absent(void **state)
{
    (void)state;
    word_t code = 0;

    assert_int_equal(fake_catch_halt(halt_call, &code), -1);
    fixture(NULL);
    rejected(SYS_DEBUG_HALT, 0, 0, E_NOSYS);
    rejected(SYS_DEBUG_HALT, 1, 0, E_NOSYS);
    rejected(SYS_DEBUG_DUMP, 0, 0, E_NOSYS); // seL4_DebugDumpScheduler: debug only
    assert_int_equal(fake.halts, 0);
}
#endif

int
main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        FIXTURE_TEST(test_notify_ok),
        FIXTURE_TEST(test_notify_highest_channel_ok),
        FIXTURE_TEST(test_notify_bad_channel),
        FIXTURE_TEST(test_notify_unused_channel),
        FIXTURE_TEST(test_notify_without_right),
        FIXTURE_TEST(test_notify_stopped_peer_ok),
        FIXTURE_TEST(test_call_ok),
        FIXTURE_TEST(test_call_longest_message_ok),
        FIXTURE_TEST(test_call_bad_channel),
        FIXTURE_TEST(test_call_without_right),
        FIXTURE_TEST(test_call_tag_with_caps),
        FIXTURE_TEST(test_call_message_too_long),
        FIXTURE_TEST(test_call_stopped_callee),
        FIXTURE_TEST(test_call_error_order),
        FIXTURE_TEST(test_recv_blocks),
        FIXTURE_TEST(test_recv_with_notify_action),
        FIXTURE_TEST(test_recv_with_irq_ack_action),
        FIXTURE_TEST(test_recv_bad_action_kind),
        FIXTURE_TEST(test_recv_action_bad_channel),
        FIXTURE_TEST(test_recv_none_with_channel_bits),
        FIXTURE_TEST(test_recv_while_serving_a_call),
        FIXTURE_TEST(test_reply_recv_ok),
        FIXTURE_TEST(test_reply_recv_without_caller),
        FIXTURE_TEST(test_reply_recv_bad_tag),
        FIXTURE_TEST(test_reply_recv_bad_action),
        FIXTURE_TEST(test_reply_recv_error_order),
        FIXTURE_TEST(test_irq_ack_ok),
        FIXTURE_TEST(test_irq_ack_on_channel),
        FIXTURE_TEST(test_irq_ack_bad_id),
        FIXTURE_TEST(test_debug_putc),
        FIXTURE_TEST(test_debug_putc_whole_lines),
        FIXTURE_TEST(test_refusals_rate_limited),
        FIXTURE_TEST(test_fault_report_lines),
        FIXTURE_TEST(test_debug_putc_long_line),
        FIXTURE_TEST(test_debug_putc_wait_writes),
        FIXTURE_TEST(test_debug_putc_ntfn_wait_writes),
        FIXTURE_TEST(test_debug_putc_wait_returning_keeps_line),
        FIXTURE_TEST(test_debug_putc_fault_ends_line),
        FIXTURE_TEST(test_unknown_syscall),
#ifdef MOAT_DEBUG
        FIXTURE_TEST(test_debug_halt),
#else
        FIXTURE_TEST(test_debug_halt_absent),
#endif
    };

    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("syscall", tests, NULL, NULL);
}
