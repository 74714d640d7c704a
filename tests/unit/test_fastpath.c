// SPDX-License-Identifier: BSD-2-Clause
//
// Proof that the IPC fast paths run, and that they do what the general path
// does. Built only entering through the fast path (WORLD_FASTPATH, debug):
//
//  - Each case meant to take a fast path takes it to the end (the debug
//    kernel's fastpath_stats count it as taken, not handed on), and each
//    case that breaks one precondition is handed to the general path. If a
//    change made a precondition fail for every call, the first half fails.
//  - A differential test: random systems (4 or 5 PDs, random priorities,
//    budgets, passive servers, channels) run random sequences of system
//    calls, valid and invalid, and of timer interrupts, through the fast
//    path in this process and through the general path alone (syscall()
//    and arch_resume, as trap.S enters them with MOAT_NO_FASTPATH) in a
//    forked copy; after every step the two compare a digest of the whole
//    state (every byte of the PDs and their IPC buffers, the run queues,
//    the timer, the console). DIFF_SEQS sequences (env MOAT_DIFF_SEQS, and
//    MOAT_DIFF_SEED for the first seed; make fuzz runs many more).
#define _POSIX_C_SOURCE 200809L // fork, pipe, kill, fdopen

#ifndef WORLD_FASTPATH
#error "test_fastpath is built only entering through the fast path"
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "arch.h"
#include "console.h"
#include "fake_arch.h"
#include "fastpath.h"
#include "ipc.h"
#include "irq.h"
#include "pd.h"
#include "sched.h"
#include "svc.h"
#include "syscall.h"
#include "world.h"

#define TAG(label, len) ((word_t)(label) << 12 | (len))

static const char *const kinds[FP_KINDS] = {"call", "reply_recv", "notify", "ipc", "recv", "irq", "irq_ack"};

static struct pd *
sys(word_t nr, word_t a0, word_t a1, word_t a2, word_t a3, word_t a4, word_t a5)
{
    return world_syscall(a0, a1, a2, a3, a4, a5, nr);
}

// Fail unless exactly one system call of `kind` was counted, as taken (the
// fast path ran to the end) or as handed to the general path.
static void
expect_at(int line, unsigned kind, bool taken)
{
    for (unsigned k = 0; k < FP_KINDS; k++) {
        uint64_t t = fastpath_stats.taken[k], g = fastpath_stats.general[k];
        uint64_t want_t = k == kind && taken, want_g = k == kind && !taken;

        if (t != want_t || g != want_g)
            fail_msg("line %d: %s: %lu taken, %lu general; wanted %lu, %lu", line, kinds[k],
                     (unsigned long)t, (unsigned long)g, (unsigned long)want_t,
                     (unsigned long)want_g);
    }
    memset(&fastpath_stats, 0, sizeof(fastpath_stats));
}
#define expect_fast(kind)    expect_at(__LINE__, kind, true)
#define expect_general(kind) expect_at(__LINE__, kind, false)

// A client (prio 5) calling a waiting server (prio 9), both on full contexts.
static void
client_server(struct pd **c, struct pd **s)
{
    *c = world_running(0, "client", 5);
    *s = world_waiting(1, "server", 9);
    world_call_chan(*c, 1, *s, 6);
    memset(&fastpath_stats, 0, sizeof(fastpath_stats));
}

static void
test_call_and_reply_take_the_fast_path(void **state)
{
    (void)state;
    struct pd *c, *s;

    client_server(&c, &s);
    assert_ptr_equal(sys(SYS_CALL, 1, TAG(1, 2), 1, 2, 0, 0), s);
    expect_fast(FP_CALL);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 1), 3, 0, 0, 0), c);
    expect_fast(FP_REPLY_RECV);
    // A long message (copied between the IPC buffers) too.
    assert_ptr_equal(sys(SYS_CALL, 1, TAG(1, 120), 1, 2, 3, 4), s);
    expect_fast(FP_CALL);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 120), 3, 0, 0, 0), c);
    expect_fast(FP_REPLY_RECV);
}

// A constrained caller (budget below its period) calling a passive server:
// the server runs on the caller's context, nothing is charged on the way.
static void
test_call_to_passive_server_takes_the_fast_path(void **state)
{
    (void)state;
    struct pd *c, *s;

    client_server(&c, &s);
    sched_sc_init(c, 300, 1000);
    s->passive = 1;
    sched_sc_init(s, 1000, 1000);
    current = sched_choose();
    assert_ptr_equal(current, c);
    memset(&fastpath_stats, 0, sizeof(fastpath_stats));
    assert_ptr_equal(sys(SYS_CALL, 1, TAG(1, 0), 0, 0, 0, 0), s);
    expect_fast(FP_CALL);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 0), 0, 0, 0, 0), c);
    expect_fast(FP_REPLY_RECV);
}

static void
test_notify_takes_the_fast_path(void **state)
{
    (void)state;
    struct pd *a = world_running(0, "a", 5), *lo = world_waiting(1, "lo", 3), *hi = world_waiting(2, "hi", 7);
    struct pd *busy = world_pd(3, "busy", 5);

    world_notify_chan(a, 1, lo, 2);
    world_notify_chan(a, 2, hi, 3);
    world_notify_chan(a, 3, busy, 4);
    busy->state = PD_CALL; // not waiting: only its pending word changes
    memset(&fastpath_stats, 0, sizeof(fastpath_stats));
    assert_ptr_equal(sys(SYS_NOTIFY, 3, 0, 0, 0, 0, 0), a);
    expect_fast(FP_NOTIFY);
    assert_int_equal(busy->pending, 1UL << 4);
    assert_ptr_equal(sys(SYS_NOTIFY, 1, 0, 0, 0, 0, 0), a); // a lower waiter: queued
    expect_fast(FP_NOTIFY);
    assert_ptr_equal(sys(SYS_NOTIFY, 2, 0, 0, 0, 0, 0), hi); // a higher one runs
    expect_fast(FP_NOTIFY);
}

// Each case breaks one precondition: the general path does it.
static void
test_call_falls_back(void **state)
{
    (void)state;
    struct pd *c, *s;

    client_server(&c, &s);
    assert_ptr_equal(sys(SYS_CALL, 62, TAG(1, 0), 0, 0, 0, 0), c); // no such channel
    expect_general(FP_CALL);
    assert_ptr_equal(sys(SYS_CALL, 9, TAG(1, 0), 0, 0, 0, 0), c); // not a channel of c's
    expect_general(FP_CALL);
    assert_ptr_equal(sys(SYS_CALL, 1, TAG(1, 121), 0, 0, 0, 0), c); // too long
    expect_general(FP_CALL);
    assert_ptr_equal(sys(SYS_CALL, 1, TAG(1, 0) | 1UL << 7, 0, 0, 0, 0), c); // a cap
    expect_general(FP_CALL);
    s->state = PD_RUNNABLE; // busy: c waits in its queue
    sched_ready(s);
    assert_ptr_equal(sys(SYS_CALL, 1, TAG(1, 0), 0, 0, 0, 0), s);
    expect_general(FP_CALL);
}

// The client has a runnable equal: the tick is armed for its slice, and
// stays armed through the call and the reply (sched.c, held()), both fast.
static void
test_call_and_reply_with_an_equal_take_the_fast_path(void **state)
{
    (void)state;
    struct pd *c, *s;

    client_server(&c, &s);
    struct pd *eq = world_pd(2, "equal", 5);
    sched_ready(eq);
    current = sched_choose(); // c has a runnable equal: the tick is armed
    assert_true(sched_tick_armed);
    unsigned arms = fake.timer_arms;
    memset(&fastpath_stats, 0, sizeof(fastpath_stats));
    assert_ptr_equal(sys(SYS_CALL, 1, TAG(1, 0), 0, 0, 0, 0), s);
    expect_fast(FP_CALL);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 0), 0, 0, 0, 0), c);
    expect_fast(FP_REPLY_RECV);
    assert_true(sched_tick_armed);
    assert_int_equal(fake.timer_arms, arms);
    assert_int_equal(fake.timer_disarms, 0);
}

static void
test_call_with_budget_falls_back(void **state)
{
    (void)state;
    struct pd *c, *s;

    client_server(&c, &s);
    sched_sc_init(s, 300, 1000); // neither passive nor full: time is charged
    assert_ptr_equal(sys(SYS_CALL, 1, TAG(1, 0), 0, 0, 0, 0), s);
    expect_general(FP_CALL);
}

// The server of client_server, serving a call from the client.
static void
serving(struct pd **c, struct pd **s)
{
    client_server(c, s);
    world_notify_chan(*c, 2, *s, 7);
    sys(SYS_CALL, 1, TAG(1, 0), 0, 0, 0, 0);
    expect_fast(FP_CALL);
}

static void
test_reply_recv_falls_back(void **state)
{
    (void)state;
    struct pd *c, *s;

    serving(&c, &s);
    s->pending = 1UL << 7; // something is there: the wait does not block
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 0), 0, 0, 0, 0), s);
    expect_general(FP_REPLY_RECV);

    world_setup(NULL);
    serving(&c, &s);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NOTIFY | 7, TAG(2, 0), 0, 0, 0, 0), c);
    expect_general(FP_REPLY_RECV); // a deferred action

    world_setup(NULL);
    serving(&c, &s);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 121), 0, 0, 0, 0), s);
    expect_general(FP_REPLY_RECV); // a bad tag: E_INVAL, and s goes on
    assert_int_equal(arch_result(s, 0), (word_t)E_RANGE);

    // The caller's equal became runnable during the call, the tick off:
    // the reply arms it (general path).
    world_setup(NULL);
    serving(&c, &s);
    struct pd *eq = world_waiting(2, "equal", 5);
    world_notify_chan(s, 3, eq, 0);
    assert_ptr_equal(sys(SYS_NOTIFY, 3, 0, 0, 0, 0, 0), s);
    expect_fast(FP_NOTIFY);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 0), 0, 0, 0, 0), c);
    expect_general(FP_REPLY_RECV);
    assert_true(sched_tick_armed);

    // The caller's slice ended in the call (the tick disarmed): the reply
    // arms it again, to rotate the caller at once.
    world_setup(NULL);
    client_server(&c, &s);
    sched_ready(world_pd(2, "equal", 5));
    current = sched_choose();
    sys(SYS_CALL, 1, TAG(1, 0), 0, 0, 0, 0);
    expect_fast(FP_CALL);
    fake.now = fake.timer_deadline;
    fake.timer_armed = false;
    sched_timer();
    assert_ptr_equal(sched_choose(), s);
    assert_false(sched_tick_armed);
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 0), 0, 0, 0, 0), c);
    expect_general(FP_REPLY_RECV);
    assert_true(fake.timer_armed);

    world_setup(NULL);
    client_server(&c, &s); // no caller: E_STATE
    current = s;
    s->state = PD_RUNNABLE;
    assert_ptr_equal(sys(SYS_REPLY_RECV, ACTION_NONE, TAG(2, 0), 0, 0, 0, 0), s);
    expect_general(FP_REPLY_RECV);
    assert_int_equal(arch_result(s, 0), (word_t)E_STATE);
}

static void
test_notify_falls_back(void **state)
{
    (void)state;
    struct pd *a = world_running(0, "a", 5), *eq = world_waiting(1, "eq", 5), *w = world_pd(2, "w", 7);

    world_notify_chan(a, 1, eq, 2);
    world_notify_chan(a, 2, w, 3);
    w->state = PD_WAIT; // in seL4_Wait: the general path ends it
    memset(&fastpath_stats, 0, sizeof(fastpath_stats));
    assert_ptr_equal(sys(SYS_NOTIFY, 62, 0, 0, 0, 0, 0), a);
    expect_general(FP_NOTIFY);
    assert_ptr_equal(sys(SYS_NOTIFY, 5, 0, 0, 0, 0, 0), a);
    expect_general(FP_NOTIFY);
    assert_ptr_equal(sys(SYS_NOTIFY, 1, 0, 0, 0, 0, 0), a); // an equal waiter
    expect_general(FP_NOTIFY);
    sys(SYS_NOTIFY, 2, 0, 0, 0, 0, 0);
    expect_general(FP_NOTIFY);
    assert_int_equal(w->state, PD_RUNNABLE);
}

// A client (prio 5) of a waiting service (prio 9), no buffer shared.
static void
client_service(struct pd **c, struct pd **s)
{
    *c = world_running(0, "client", 5);
    *s = world_waiting(1, "service", 9);
    (*s)->clients = 1UL << (*c)->index;
    (*c)->uses = 1UL << (*s)->index;
    memset(&fastpath_stats, 0, sizeof(fastpath_stats));
}

// bench/ipc's service_roundtrip_64b: all four system calls take it.
static void
test_service_exchange_takes_the_fast_path(void **state)
{
    (void)state;
    struct pd *c, *s;

    client_service(&c, &s);
    assert_ptr_equal(sys(SYS_IPC, IPC_NOTIFY_SERVICE, svc_id(s), 0, 0, 0, 0), s);
    expect_fast(FP_IPC);
    assert_int_equal(arch_result(s, 6), BADGE_EVENT | EVENT_IPC_SERVICE);
    assert_int_equal(arch_result(s, 2), svc_id(c));
    assert_ptr_equal(sys(SYS_IPC, IPC_NOTIFY_CLIENT, svc_id(c), 0, 0, 0, 0), s);
    expect_fast(FP_IPC); // the client is not waiting: only its event bit
    assert_ptr_equal(sys(SYS_RECV, ACTION_NONE, 0, 0, 0, 0, 0), c);
    expect_fast(FP_RECV); // the service blocks, the client runs
    assert_int_equal(s->state, PD_RECV);
    assert_ptr_equal(sys(SYS_RECV, ACTION_NONE, 0, 0, 0, 0, 0), c);
    expect_fast(FP_RECV); // the client takes its event at once
    assert_int_equal(arch_result(c, 6), BADGE_EVENT | EVENT_IPC_CLIENT);
    assert_int_equal(c->events, 0);
}

// `pd` owns interrupt `source` as its id `id` (what irq_boot sets up).
static void
own_irq(struct pd *pd, unsigned id, unsigned source)
{
    pd->ch[id].flags = CH_VALID | CH_IRQ;
    pd->ch[id].peer_id = (uint8_t)source;
    irqs[source].pd = pd;
    irqs[source].id = (uint8_t)id;
}

static struct pd *
interrupt(unsigned source)
{
    fake.irq_pending[source / 64] |= 1ULL << (source % 64);
    return world_interrupt();
}

static void
test_irq_takes_the_fast_path(void **state)
{
    (void)state;
    struct pd *a = world_running(0, "a", 5), *hi = world_waiting(1, "hi", 7);
    struct pd *lo = world_waiting(2, "lo", 3);

    own_irq(hi, 3, 10);
    own_irq(lo, 4, 11);
    own_irq(a, 6, 12);
    memset(&fastpath_stats, 0, sizeof(fastpath_stats));
    assert_ptr_equal(interrupt(12), a); // its own, while it runs: pending
    expect_fast(FP_IRQ);
    assert_int_equal(a->pending, 1UL << 6);
    assert_ptr_equal(interrupt(11), a); // a lower waiter: queued
    expect_fast(FP_IRQ);
    assert_int_equal(lo->state, PD_RUNNABLE);
    assert_int_equal(arch_result(lo, 6), 1UL << 4);
    assert_ptr_equal(interrupt(10), hi); // a higher waiter runs at once
    expect_fast(FP_IRQ);
    assert_ptr_equal(current, hi);
    assert_int_equal(arch_result(hi, 6), 1UL << 3);
    assert_true(fake.irq_in_service[0] >> 10 & 1); // in service until the ack
    assert_ptr_equal(sys(SYS_IRQ_ACK, 3, 0, 0, 0, 0, 0), hi);
    expect_fast(FP_IRQ_ACK);
    assert_int_equal(fake.irq_acked, 10);
    assert_false(fake.irq_in_service[0] >> 10 & 1);
    assert_int_equal(arch_result(hi, 0), E_OK);
}

// Each case breaks one precondition: the general path does it.
static void
test_service_exchange_falls_back(void **state)
{
    (void)state;
    struct pd *c, *s;

    client_service(&c, &s);
    assert_ptr_equal(sys(SYS_IPC, IPC_NOTIFY_SERVICE, svc_id(s) + (1UL << 8), 0, 0, 0, 0), c);
    expect_general(FP_IPC); // a stale id: E_STALE
    assert_int_equal(arch_result(c, 0), (word_t)E_STALE);
    assert_ptr_equal(sys(SYS_IPC, IPC_NOTIFY_CLIENT, svc_id(s), 0, 0, 0, 0), c);
    expect_general(FP_IPC); // s is no client of c's: E_NOENT
    assert_ptr_equal(sys(SYS_IPC, IPC_DISCOVER, 0, 0, 0, 0, 0), c);
    expect_general(FP_IPC); // not a notification
    assert_ptr_equal(sys(SYS_RECV, ACTION_NOTIFY | 1, 0, 0, 0, 0, 0), c);
    expect_general(FP_RECV); // a deferred action (here a bad one)

    world_setup(NULL);
    client_service(&c, &s);
    s->copy_clients = s->clients; // share="copy": taking the event copies
    fake_phys(world_ipc, 0x80000000UL, sizeof(world_ipc)); // any memory will do
    fake_user_page(c, 0x10000, 0x80000000UL, true);
    fake_window(s, svc_window_va(c), 0x80000000UL + PAGE_SIZE);
    sys(SYS_IPC, IPC_SHARE, svc_id(s), 0x10000, 64, 0, 0);
    expect_general(FP_IPC);
    assert_ptr_equal(sys(SYS_IPC, IPC_NOTIFY_SERVICE, svc_id(s), 0, 0, 0, 0), s);
    expect_general(FP_IPC);

    world_setup(NULL);
    client_service(&c, &s);
    s->prio = c->prio; // an equal waiter: the tick
    world_rerank();
    assert_ptr_equal(sys(SYS_IPC, IPC_NOTIFY_SERVICE, svc_id(s), 0, 0, 0, 0), c);
    expect_general(FP_IPC);
    assert_ptr_equal(sys(SYS_RECV, ACTION_NONE, 0, 0, 0, 0, 0), s);
    expect_general(FP_RECV); // c blocks: s runs, and the tick armed for c's slice goes off
}

// Each case breaks one precondition: the general path does it.
static void
test_irq_falls_back(void **state)
{
    (void)state;
    struct pd *a = world_running(0, "a", 5), *eq = world_waiting(1, "eq", 5);
    struct pd *hi = world_waiting(2, "hi", 7);

    own_irq(eq, 3, 10);
    own_irq(hi, 4, 11);
    memset(&fastpath_stats, 0, sizeof(fastpath_stats));
    assert_ptr_equal(interrupt(20), a); // nobody owns it: reported and completed
    expect_general(FP_IRQ);
    assert_int_equal(fake.irq_acked, 20);
    assert_ptr_equal(world_interrupt(), a); // nothing pending
    expect_general(FP_IRQ);
    assert_ptr_equal(interrupt(10), a); // an equal waiter: the tick
    expect_general(FP_IRQ);
    assert_true(sched_tick_armed);
    assert_ptr_equal(interrupt(11), hi); // a higher waiter, with the tick armed
    expect_general(FP_IRQ);
    assert_ptr_equal(sys(SYS_IRQ_ACK, 3, 0, 0, 0, 0, 0), hi); // not hi's
    expect_general(FP_IRQ_ACK);
    assert_int_equal(arch_result(hi, 0), (word_t)E_NOENT);
    assert_ptr_equal(sys(SYS_IRQ_ACK, 62, 0, 0, 0, 0, 0), hi);
    expect_general(FP_IRQ_ACK);
    assert_int_equal(arch_result(hi, 0), (word_t)E_RANGE);

    // The owner's context is not full: time is charged.
    world_setup(NULL);
    a = world_running(0, "a", 5);
    hi = world_waiting(1, "hi", 7);
    own_irq(hi, 4, 11);
    sched_sc_init(hi, 300, 1000);
    memset(&fastpath_stats, 0, sizeof(fastpath_stats));
    assert_ptr_equal(interrupt(11), hi);
    expect_general(FP_IRQ);
}

// ---- The differential test ----

#define DIFF_MAX_PDS 5
#define DIFF_STEPS   48
#define DIFF_WORDS   (DIFF_MAX_PDS + 2) // a digest per PD (with its IPC buffer), the rest, the result

static uint64_t rng;

static unsigned
rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

// FNV-1a over 8-byte words (a tail byte by byte): fast enough to digest
// the whole state after every step.
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i = 0;

    for (; i + 8 <= n; i += 8) {
        uint64_t w;

        memcpy(&w, b + i, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

static void
digest(uint64_t out[DIFF_WORDS], const struct pd *next)
{
    for (unsigned i = 0; i < DIFF_MAX_PDS; i++) {
        out[i] = fnv(0xcbf29ce484222325ULL, &pds[i], sizeof(pds[i]));
        out[i] = fnv(out[i], world_ipc[i], sizeof(world_ipc[i]));
    }
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv(h, &current, sizeof(current));
    h = fnv(h, sched_q, sizeof(sched_q));
    h = fnv(h, &sched_map, sizeof(sched_map));
    h = fnv(h, &sched_tick_armed, sizeof(sched_tick_armed));
    h = fnv(h, &slice_pd, sizeof(slice_pd));
    h = fnv(h, &slice_end, sizeof(slice_end));
    // The context being consumed; between full contexts which one is named
    // does not matter (nothing is charged), and the fast path keeps the old.
    uintptr_t sc = sc_running && sc_running->full ? 1 : (uintptr_t)sc_running;
    h = fnv(h, &sc, sizeof(sc));
    h = fnv(h, &fake.timer_armed, sizeof(fake.timer_armed));
    if (fake.timer_armed)
        h = fnv(h, &fake.timer_deadline, sizeof(fake.timer_deadline));
    h = fnv(h, &fake.console_len, sizeof(fake.console_len));
    h = fnv(h, fake.console, fake.console_len);
    h = fnv(h, &fake.stopped, sizeof(fake.stopped));
    out[DIFF_MAX_PDS] = h;
    out[DIFF_MAX_PDS + 1] = (uintptr_t)next;
}

// In three systems of four, a Tock-style service with some of the others as
// its clients (some share="copy"), each with a page it may share and a window
// in the service: "physical" pages 0..4 the clients' buffers, 5..9 the pairs'.
#define DIFF_RAM_PA 0x80000000UL
#define DIFF_BUF_VA 0x10000UL
static uint8_t diff_ram[2 * DIFF_MAX_PDS][PAGE_SIZE];

static void
diff_service(unsigned n)
{
    struct pd *s = &pds[rnd(n)];

    memset(diff_ram, 0, sizeof(diff_ram));
    fake_phys(diff_ram, DIFF_RAM_PA, sizeof(diff_ram));
    for (unsigned i = 0; i < n; i++) {
        struct pd *c = &pds[i];

        if (c == s || rnd(4) == 0)
            continue;
        s->clients |= 1UL << i;
        c->uses |= 1UL << s->index;
        if (rnd(3) == 0)
            s->copy_clients |= 1UL << i;
        fake_user_page(c, DIFF_BUF_VA, DIFF_RAM_PA + i * PAGE_SIZE, true);
        fake_window(s, svc_window_va(c), DIFF_RAM_PA + (DIFF_MAX_PDS + i) * PAGE_SIZE);
    }
}

// In half the systems, a spinner: a PD on a full context that shares the
// priority of another and stays runnable (it only yields, or time passes),
// so that the other calls up with the round-robin tick armed.
static struct pd *spinner;

// A random system: PDs with random priorities (some equal), budgets (full
// or constrained), passive servers, notification and call channels (a call
// goes to a strictly higher priority, as the tool checks), some waiting;
// perhaps a spinner.
static unsigned
diff_world(uint64_t seed)
{
    static const char *const names[DIFF_MAX_PDS] = {"p0", "p1", "p2", "p3", "p4"};
    unsigned n = 4 + rnd(2);

    rng = seed * 0x9e3779b97f4a7c15ULL | 1;
    world_setup(NULL);
    fake.now = 1000000;
    for (unsigned i = 0; i < n; i++) {
        struct pd *pd = world_pd(i, names[i], 1 + rnd(6));

        pd->passive = rnd(4) == 0;
        sched_sc_init(pd, rnd(5) ? 1000 : 200 + rnd(600), 1000);
    }
    spinner = NULL;
    if (rnd(2)) {
        unsigned j = rnd(n), i = (j + 1) % n;

        for (unsigned k = 0; k < n; k++) // the lowest other: the likeliest to call up
            if (k != j && pds[k].prio < pds[i].prio)
                i = k;
        spinner = &pds[j];
        spinner->prio = pds[i].prio;
        spinner->passive = 0;
        sched_sc_init(spinner, 1000, 1000);
        world_rerank();
    }
    uint8_t used[DIFF_MAX_PDS] = {0}; // channel ids 0..7 taken, per PD
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = i + 1; j < n; j++) {
            struct pd *a = &pds[i], *b = &pds[j];
            unsigned ia = rnd(8), ib = rnd(8);

            if (rnd(3) == 0 || used[i] & 1U << ia || used[j] & 1U << ib)
                continue;
            used[i] |= (uint8_t)(1U << ia);
            used[j] |= (uint8_t)(1U << ib);
            if (a->prio != b->prio && rnd(2)) {
                struct pd *lo = a->prio < b->prio ? a : b, *hi = lo == a ? b : a;
                world_call_chan(lo, lo == a ? ia : ib, hi, lo == a ? ib : ia);
            } else {
                world_notify_chan(a, ia, b, ib);
            }
        }
    }
    if (rnd(4))
        diff_service(n);
    // Device interrupts 10 and 11, owned by random PDs on ids 8 and 9.
    for (unsigned s = 10; s < 12; s++)
        own_irq(&pds[rnd(n)], s - 2, s);
    for (unsigned i = 0; i < n; i++) {
        if (&pds[i] != spinner && (pds[i].passive || rnd(2)))
            pds[i].state = PD_RECV;
        else
            sched_ready(&pds[i]);
    }
    if (!sched_choose()) { // someone must run
        pds[0].state = PD_RUNNABLE;
        sched_ready(&pds[0]);
        sched_choose();
    }
    return n;
}

static word_t
rnd_tag(void)
{
    unsigned r = rnd(16);
    word_t len = r < 10 ? r % 5 : r < 13 ? 5 + rnd(116) : r == 13 ? 121 : 0;

    return TAG(rnd(1000), len) | (r == 15 ? 1UL << 7 : 0);
}

// Mostly one of the running PD's channels (one that allows `right`, if it
// has one), else any id, one beyond the table, or a huge one.
static word_t
rnd_ch(unsigned right)
{
    unsigned r = rnd(16), ids[MOAT_MAX_CHANNELS], n = 0;

    if (r < 12) {
        for (unsigned i = 0; i < 10; i++) // 8, 9: the interrupts' ids (diff_world)
            if (current->ch[i].flags & right)
                ids[n++] = i;
        if (n)
            return ids[rnd(n)];
    }
    return r < 14 ? rnd(8) : r == 14 ? 62 + rnd(4) : (word_t)-1;
}

// Mostly the id of a service the running PD uses or of a client of its
// service, else any PD's, a stale one, 0 or a huge one.
static word_t
rnd_id(void)
{
    unsigned r = rnd(16);
    uint64_t peers = current->uses | current->clients;

    if (r < 12 && peers) {
        unsigned ids[DIFF_MAX_PDS], n = 0;
        for (unsigned i = 0; i < DIFF_MAX_PDS; i++)
            if (peers >> i & 1)
                ids[n++] = i;
        return svc_id(&pds[ids[rnd(n)]]);
    }
    return r < 14 ? 1 + rnd(DIFF_MAX_PDS) : r == 14 ? 1UL << 8 | (1 + rnd(DIFF_MAX_PDS)) : rnd(2) ? 0 : (word_t)-1;
}

// One step: the running PD's random system call, or time passing (and the
// timer's interrupt when it is due). `general`: enter as with
// MOAT_NO_FASTPATH. Returns the PD that runs next.
static struct pd *
diff_step(bool general)
{
    if (!current || rnd(8) == 0 || (current == spinner && rnd(2))) {
        fake.now += rnd(400) * 10;
        if (!fake.timer_armed || fake.now < fake.timer_deadline)
            return current;
        fake.timer_armed = false;
        sched_timer();
        return (struct pd *)arch_resume(sched_choose()); // regs are at offset 0
    }
    if (rnd(8) == 0) {
        // A device interrupt, if its source is not in service (masked).
        unsigned src = 10 + rnd(2);
        if (fake.irq_in_service[0] >> src & 1)
            return current;
        fake.irq_pending[0] |= 1ULL << src;
        if (general) {
            irq_interrupt(arch_irq_claim());
            return (struct pd *)arch_resume(sched_choose());
        }
        return (struct pd *)fastpath_irq();
    }
    word_t a[6] = {0};
    word_t nr;

    // A PD serving a call mostly replies; the others mostly call or notify.
    switch (current == spinner ? 20 : current->caller && rnd(4) ? 11 : rnd(27)) {
    case 0 ... 5:
        nr = SYS_NOTIFY;
        a[0] = rnd_ch(CH_NOTIFY);
        break;
    case 6 ... 10:
        nr = SYS_CALL;
        a[0] = rnd_ch(CH_PPC);
        a[1] = rnd_tag();
        break;
    case 11 ... 15:
        nr = SYS_REPLY_RECV;
        a[0] = rnd(6) ? ACTION_NONE : (rnd(2) ? ACTION_NOTIFY : ACTION_IRQ_ACK) | rnd_ch(CH_NOTIFY);
        a[1] = rnd_tag();
        break;
    case 21 ... 23: // a service's notifications mostly, the right way round mostly
        nr = SYS_IPC;
        a[1] = rnd_id();
        if (rnd(8) == 0)
            a[0] = rnd(2) ? IPC_SHARE : rnd(6); // a bad op too
        else if (rnd(6) == 0)
            a[0] = IPC_NOTIFY_SERVICE + rnd(2);
        else
            a[0] = IPC_ID_INDEX(a[1]) < DIFF_MAX_PDS && current->clients >> IPC_ID_INDEX(a[1]) & 1
                       ? IPC_NOTIFY_CLIENT
                       : IPC_NOTIFY_SERVICE;
        break;
    case 16:
    case 24:
        nr = SYS_RECV;
        a[0] = rnd(4) ? ACTION_NONE : ACTION_NOTIFY | rnd_ch(CH_NOTIFY);
        break;
    case 17:
        nr = SYS_WAIT;
        a[0] = CAP_MK_INPUT;
        a[1] = rnd(2);
        break;
    case 18:
        nr = SYS_POLL;
        break;
    case 19:
        nr = SYS_ALARM; // an event (not a notification) to come, or none
        a[0] = rnd(4) ? fake.now + rnd(3000) * 10 : 0;
        break;
    case 25 ... 26:
        nr = SYS_IRQ_ACK;
        a[0] = rnd_ch(CH_IRQ);
        break;
    default:
        nr = SYS_YIELD;
        break;
    }
    for (unsigned i = 2; i < 6; i++)
        a[i] = rnd(1U << 16);
    if (nr == SYS_IPC && a[0] == IPC_SHARE) { // 64 bytes of its page, mostly, or unshare
        a[2] = DIFF_BUF_VA + rnd(4) * 1000;
        a[3] = rnd(4) ? 64 : 0;
    }
    if (TAG_LENGTH(a[1]) > MOAT_MSG_REGS && current->ipcbuf) // the long part, from the buffer
        for (unsigned i = 0; i < 8; i++)
            *world_mr(current, MOAT_MSG_REGS + i) = rnd(1U << 16);
    if (general)
        return (struct pd *)arch_resume(syscall(a[0], a[1], a[2], a[3], a[4], a[5], nr));
    return world_syscall(a[0], a[1], a[2], a[3], a[4], a[5], nr);
}

static unsigned long
env_or(const char *name, unsigned long dflt)
{
    const char *v = getenv(name);

    return v && *v ? strtoul(v, NULL, 0) : dflt;
}

static bool
read_all(int fd, void *buf, size_t n)
{
    for (size_t got = 0; got < n;) {
        ssize_t r = read(fd, (char *)buf + got, n - got);

        if (r <= 0)
            return false;
        got += (size_t)r;
    }
    return true;
}

static void
test_fast_and_general_paths_agree(void **state)
{
    (void)state;
    unsigned long seqs = env_or("MOAT_DIFF_SEQS", 3000), seed0 = env_or("MOAT_DIFF_SEED", 1);
    int fds[2];

    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        // The general path; nothing of cmocka's may run here.
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        if (!getenv("MOAT_DIFF_STDERR")) dup2(null, 2);
        close(fds[0]);
        FILE *out = fdopen(fds[1], "w");
        for (unsigned long s = 0; s < seqs; s++) {
            diff_world(seed0 + s);
            for (unsigned step = 0; step < DIFF_STEPS; step++) {
                uint64_t d[DIFF_WORDS];

                digest(d, diff_step(true));
                fwrite(d, sizeof(d), 1, out);
            }
        }
        fclose(out);
        _exit(0);
    }
    close(fds[1]);
    unsigned long taken = 0, general = 0, with_tick = 0, svc_taken = 0, irq_taken = 0,
                  ack_taken = 0;
    for (unsigned long s = 0; s < seqs; s++) {
        diff_world(seed0 + s);
        memset(&fastpath_stats, 0, sizeof(fastpath_stats));
        for (unsigned step = 0; step < DIFF_STEPS; step++) {
            uint64_t d[DIFF_WORDS], want[DIFF_WORDS];
            bool armed = sched_tick_armed;
            uint64_t calls = fastpath_stats.taken[FP_CALL] + fastpath_stats.taken[FP_REPLY_RECV];
            struct pd *next = diff_step(false);

            if (armed && fastpath_stats.taken[FP_CALL] + fastpath_stats.taken[FP_REPLY_RECV] > calls)
                with_tick++; // a fast call or reply with the tick armed

            digest(d, next);
            if (!read_all(fds[0], want, sizeof(want))) {
                kill(child, SIGKILL);
                waitpid(child, NULL, 0);
                fail_msg("seed %lu step %u: the general path's run ended early", seed0 + s, step);
            }
            for (unsigned w = 0; w < DIFF_WORDS; w++) {
                if (d[w] == want[w])
                    continue;
                kill(child, SIGKILL);
                waitpid(child, NULL, 0);
                fail_msg("seed %lu step %u: the fast path differs from the general path in %s "
                         "%u (MOAT_DIFF_SEED=%lu MOAT_DIFF_SEQS=1 replays it)",
                         seed0 + s, step,
                         w < DIFF_MAX_PDS ? "pd" : w == DIFF_MAX_PDS ? "scheduler state" : "result",
                         w, seed0 + s);
            }
        }
        svc_taken += fastpath_stats.taken[FP_IPC] + fastpath_stats.taken[FP_RECV];
        irq_taken += fastpath_stats.taken[FP_IRQ];
        ack_taken += fastpath_stats.taken[FP_IRQ_ACK];
        for (unsigned k = 0; k < FP_KINDS; k++) {
            taken += fastpath_stats.taken[k];
            general += fastpath_stats.general[k];
        }
    }
    int status;
    waitpid(child, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    print_message("%lu sequences of %u steps: %lu fast-path entries taken (%lu calls and replies "
                  "with the tick armed, %lu service notifications and waits, %lu interrupts, "
                  "%lu acks), %lu handed on\n",
                  seqs, DIFF_STEPS, taken, with_tick, svc_taken, irq_taken, ack_taken, general);
    // Both kinds of entry were exercised, calls beside a runnable equal,
    // services and interrupts, so the comparison meant something.
    assert_true(taken > seqs && general > seqs && with_tick > seqs / 10 && svc_taken > seqs);
    assert_true(irq_taken > seqs && ack_taken > seqs / 10); // and the interrupts' fast paths
}

int
main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        WORLD_TEST(test_call_and_reply_take_the_fast_path),
        WORLD_TEST(test_call_to_passive_server_takes_the_fast_path),
        WORLD_TEST(test_notify_takes_the_fast_path),
        WORLD_TEST(test_call_falls_back),
        WORLD_TEST(test_call_and_reply_with_an_equal_take_the_fast_path),
        WORLD_TEST(test_call_with_budget_falls_back),
        WORLD_TEST(test_reply_recv_falls_back),
        WORLD_TEST(test_notify_falls_back),
        WORLD_TEST(test_service_exchange_takes_the_fast_path),
        WORLD_TEST(test_service_exchange_falls_back),
        WORLD_TEST(test_irq_takes_the_fast_path),
        WORLD_TEST(test_irq_falls_back),
        // Last: it forks, and nothing may run after it in the child.
        WORLD_TEST(test_fast_and_general_paths_agree),
    };

    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("fastpath", tests, NULL, NULL);
}
