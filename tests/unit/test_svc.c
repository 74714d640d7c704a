// SPDX-License-Identifier: BSD-2-Clause
//
// Unit tests of Tock-style services (kernel/svc.c, SYS_IPC in syscall.c) and
// of per-PD alarms (kernel/alarm.c, SYS_ALARM, the timer shared with the
// round-robin tick in sched.c), through world_syscall() as the trap path
// enters them. Every refused call is checked, with a snapshot of the whole
// PD table, the IPC buffers, the fake timer, the window mappings and the
// "physical" memory, to have changed nothing but the caller's a0. Shared
// buffers are checked byte by byte in the fake physical memory: what the
// service's window holds after each step, and what comes back to the client.
// Also svc_boot from hand-made images, and its panics.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "moat/image.h"

#include "alarm.h"
#include "fake_arch.h"
#include "ipc.h"
#include "pd.h"
#include "sched.h"
#include "svc.h"
#include "syscall.h"
#include "world.h"

#define RAM_PA   0x80400000UL
#define PA(page) (RAM_PA + (page) * PAGE_SIZE)
#define BIT(pd)  (1UL << (pd)->index)
#define SLICE    (FAKE_TIMER_HZ / 1000) // a default (1 ms) budget: the round-robin slice

// The client's address space: two writable pages whose frames are not
// adjacent (a copy across them must follow the page table), an unmapped
// page, a read-only page.
#define BUF_VA 0x300000UL
#define GAP_VA (BUF_VA + 2 * PAGE_SIZE)
#define RO_VA  (BUF_VA + 3 * PAGE_SIZE)

enum {
    PG_CLI0,      // cli's BUF_VA
    PG_WIN_CLI,   // svc's window for cli
    PG_CLI1,      // cli's BUF_VA + PAGE_SIZE
    PG_CLI_RO,    // cli's RO_VA
    PG_CLI2,      // cli2's BUF_VA
    PG_WIN_CLI2,  // svc's window for cli2
    PG_SWIN_SVC,  // stranger's window for svc
    PG_SWIN_CLI2, // stranger's window for cli2
    PG_SVC,       // svc's BUF_VA
    NPAGES
};

static uint8_t ram[NPAGES][PAGE_SIZE];
static struct pd *svc, *cli, *cli2, *stranger, *plain, *last;
static bool busy_pds[MOAT_MAX_PDS]; // see busy()

// Service "echo" (svc, 20) has clients cli (10) and cli2 (9); service
// "secret" (stranger, 15) has clients svc and cli2. plain (5) and last (5)
// provide and use nothing; slot 5 between them is empty. cli runs, everyone
// else waits, so the round-robin tick is off and the timer is the alarms'.
static int
fixture(void **state)
{
    world_setup(state);
    memset(ram, 0, sizeof(ram));
    fake_phys(ram, RAM_PA, sizeof(ram));
    svc = world_pd(0, "svc", 20);
    cli = world_pd(1, "cli", 10);
    cli2 = world_pd(2, "cli2", 9);
    stranger = world_pd(3, "stranger", 15);
    plain = world_pd(4, "plain", 5);
    last = world_pd(6, "last", 5);
    pds[5].index = 5; // as pd_boot numbers every slot below npds
    strcpy(svc->service, "echo");
    svc->clients = BIT(cli) | BIT(cli2);
    strcpy(stranger->service, "secret");
    stranger->clients = BIT(svc) | BIT(cli2);
    // These tests are of share="copy"; the map_* tests clear it.
    svc->copy_clients = svc->clients;
    stranger->copy_clients = stranger->clients;
    cli->uses = BIT(svc);
    cli2->uses = BIT(svc) | BIT(stranger);
    svc->uses = BIT(stranger);
    svc->state = cli2->state = stranger->state = plain->state = last->state = PD_RECV;
    memset(busy_pds, 0, sizeof(busy_pds));
    fake_user_page(cli, BUF_VA, PA(PG_CLI0), true);
    fake_user_page(cli, BUF_VA + PAGE_SIZE, PA(PG_CLI1), true);
    fake_user_page(cli, RO_VA, PA(PG_CLI_RO), false);
    fake_user_page(cli2, BUF_VA, PA(PG_CLI2), true);
    fake_user_page(svc, BUF_VA, PA(PG_SVC), true);
    fake_window(svc, USER_IPC_WINDOW + cli->index * IPC_WINDOW_PAGES * PAGE_SIZE, PA(PG_WIN_CLI));
    fake_window(svc, USER_IPC_WINDOW + cli2->index * IPC_WINDOW_PAGES * PAGE_SIZE, PA(PG_WIN_CLI2));
    fake_window(stranger, USER_IPC_WINDOW + svc->index * IPC_WINDOW_PAGES * PAGE_SIZE, PA(PG_SWIN_SVC));
    fake_window(stranger, USER_IPC_WINDOW + cli2->index * IPC_WINDOW_PAGES * PAGE_SIZE, PA(PG_SWIN_CLI2));
    sched_ready(cli);
    assert_ptr_equal(sched_choose(), cli);
    assert_false(sched_tick_armed);
    assert_false(fake.timer_armed);
    return 0;
}

#define FIXTURE_TEST(f) {WORLD_NAME(f), f, fixture, NULL, NULL}

// The id the ABI defines for a PD (abi.h), computed here independently of svc_id.
static word_t
id(const struct pd *pd)
{
    return (word_t)pd->gen << 8 | (pd->index + 1UL);
}

static word_t
win_va(const struct pd *client)
{
    return USER_IPC_WINDOW + client->index * IPC_WINDOW_PAGES * PAGE_SIZE;
}

// Whether service's window for client is reachable (the fake's write flag).
static bool
window_mapped(const struct pd *service, const struct pd *client)
{
    for (unsigned i = 0; i < fake.nwindows; i++) {
        if (fake.windows[i].pd == service && fake.windows[i].va == win_va(client))
            return fake.windows[i].write;
    }
    fail_msg("no window of %s for %s", service->name, client->name);
    return false;
}

static bool
all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i])
            return false;
    }
    return true;
}

// Make pd the running PD, as if it had just been woken. The PD that ran
// before it goes back to the queue if the test made it busy or something is
// pending for it; otherwise it waits, as if it had made SYS_RECV and blocked.
static void
runs(struct pd *pd)
{
    struct pd *prev = current;

    if (pd == prev)
        return;
    if (pd->state == PD_RUNNABLE)
        sched_remove(pd);
    pd->state = PD_RUNNABLE;
    current = pd;
    if (!prev || prev->state != PD_RUNNABLE)
        return;
    if (busy_pds[prev->index] || prev->events || prev->pending || prev->callq)
        sched_ready(prev);
    else
        prev->state = PD_RECV;
}

// pd is busy: runnable and not waiting, so events for it are kept until it
// waits; runs() keeps it runnable when another PD takes the CPU.
static void
busy(struct pd *pd)
{
    busy_pds[pd->index] = true;
    if (pd->state != PD_RUNNABLE) {
        pd->state = PD_RUNNABLE;
        sched_ready(pd);
    }
}

// pd faults while it runs (no parent: it is stopped); the scheduler chooses.
static void
fault(struct pd *pd)
{
    runs(pd);
    pd_fault(pd, "load page fault", 0x200000, 0, (const word_t[5]){0});
    assert_int_equal(pd->state, PD_STOPPED);
    sched_choose();
}

static struct pd *
ipc(word_t op, word_t a1, word_t a2, word_t a3)
{
    return world_syscall(op, a1, a2, a3, 0x44, 0x55, SYS_IPC);
}

// pd makes a SYS_IPC call that must succeed; returns who runs next.
static struct pd *
ipc_ok(struct pd *pd, word_t op, word_t a1, word_t a2, word_t a3)
{
    runs(pd);
    struct pd *next = ipc(op, a1, a2, a3);
    assert_int_equal(arch_result(pd, 0), E_OK);
    return next;
}

// pd waits (SYS_RECV); returns who runs next.
static struct pd *
waits(struct pd *pd)
{
    runs(pd);
    return world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_RECV);
}

// The registers of a wait that returned event `kind`.
static void
event_is(const struct pd *pd, word_t kind, word_t peer, word_t len, word_t addr)
{
    assert_int_equal(arch_result(pd, 0), E_OK);
    assert_int_equal(arch_result(pd, 1), 0);
    assert_int_equal(arch_result(pd, 2), peer);
    assert_int_equal(arch_result(pd, 3), len);
    assert_int_equal(arch_result(pd, 4), addr);
    assert_int_equal(arch_result(pd, 5), 0);
    assert_int_equal(arch_result(pd, 6), BADGE_EVENT | kind);
}

// Put the name s, `len` bytes long, in pd's IPC buffer where IPC_DISCOVER
// reads it, zeros after it. A length beyond the limit puts only the string.
static void
name(struct pd *pd, const char *s, size_t len)
{
    char *dst = (char *)pd->ipcbuf + IPCBUF_MR_OFFSET;

    memset(dst, 0, 2 * MOAT_NAME_LEN);
    memcpy(dst, s, len > MOAT_NAME_LEN ? strlen(s) : len);
}

// A SYS_IPC call of `current` that must be refused with `want`: the caller's
// a0 holds it, nothing else changed, the caller runs on, and (debug kernels)
// the console says why, or (release) nothing.
static void
rejected_at(int line, word_t op, word_t a1, word_t a2, word_t a3, long want)
{
    struct pd *me = current;

    me->refusals = 0; // each refusal said, however many the test makes
    world_snap();
    fake.console_len = 0;
    memset(fake.console, 0, sizeof(fake.console));
    struct pd *next = ipc(op, a1, a2, a3);
    if ((long)arch_result(me, 0) != want)
        fail_msg("line %d: a0 is %ld, want %ld", line, (long)arch_result(me, 0), want);
    if (next != me)
        fail_msg("line %d: syscall returned %s, not the caller", line, next ? next->name : "NULL");
    world_unchanged_at(line, me, (word_t)want);
#ifdef MOAT_DEBUG
    static const char *const names[] = E_NAMES;
    char who[MOAT_NAME_LEN + 12];
    snprintf(who, sizeof(who), "[%s] ipc: ", me->name);
    if (strncmp(fake.console, who, strlen(who)) != 0 || !strstr(fake.console, names[-want]))
        fail_msg("line %d: no debug message naming %s for the refusal; console: '%s'", line,
                 names[-want], fake.console);
#else
    if (fake.console_len != 0)
        fail_msg("line %d: release kernel printed '%s'", line, fake.console);
#endif
}
#define rejected(op, a1, a2, a3, want) rejected_at(__LINE__, op, a1, a2, a3, want)

// pd discovers `len` bytes of s, which must be refused with `want`.
#define discover_rejected(pd, s, len, want)                                                        \
    do {                                                                                           \
        runs(pd);                                                                                  \
        name(pd, s, len);                                                                          \
        rejected(IPC_DISCOVER, len, 0, 0, want);                                                   \
    } while (0)

// pd discovers `len` bytes of s: it must succeed with (id, own).
static void
discover_ok(struct pd *pd, const char *s, size_t len, word_t want_id, word_t own)
{
    word_t before[7];

    runs(pd);
    name(pd, s, len);
    for (unsigned r = 0; r < 7; r++)
        before[r] = arch_result(pd, r);
    assert_ptr_equal(ipc(IPC_DISCOVER, len, 0, 0), pd);
    assert_int_equal(arch_result(pd, 0), E_OK);
    assert_int_equal(arch_result(pd, 1), want_id);
    assert_int_equal(arch_result(pd, 2), own);
    for (unsigned r = 3; r < 7; r++) // only a0..a2 are results
        assert_int_equal(arch_result(pd, r), before[r]);
}

static struct pd *
set_alarm(struct pd *pd, word_t deadline)
{
    runs(pd);
    struct pd *next = world_syscall(deadline, 0, 0, 0, 0, 0, SYS_ALARM);
    assert_int_equal(arch_result(pd, 0), E_OK);
    return next;
}

// The one-shot timer fires at time `now` (context.c's timer_interrupt), then
// the trap returns to whoever the scheduler chooses.
static struct pd *
interrupt(uint64_t now)
{
    fake.now = now;
    fake.timer_armed = false;
    sched_timer();
    return sched_choose();
}

static void
alarm_event_is(const struct pd *pd)
{
    event_is(pd, EVENT_ALARM, 0, 0, 0);
}

// --- IPC_DISCOVER -------------------------------------------------------------

static void
test_discover_own_service(void **state)
{
    (void)state;
    discover_ok(svc, "echo", 4, id(svc), 1);
    assert_int_equal(id(svc), 1); // index 0, first incarnation
    discover_ok(stranger, "secret", 6, id(stranger), 1);
}

static void
test_discover_used_service(void **state)
{
    (void)state;
    discover_ok(cli, "echo", 4, id(svc), 0);
    discover_ok(cli2, "echo", 4, id(svc), 0);
    discover_ok(cli2, "secret", 6, id(stranger), 0);
    discover_ok(svc, "secret", 6, id(stranger), 0); // a service can be a client too
    discover_ok(cli, "echoXYZ", 4, id(svc), 0);     // bytes after the length do not count
}

// A service that exists but that the PD may not use is refused exactly as a
// name that exists nowhere: the same error, the same (lack of) state change,
// the same debug message.
static void
test_discover_not_a_client(void **state)
{
    (void)state;
    char secret_msg[FAKE_CONSOLE_SZ];

    discover_rejected(cli, "secret", 6, E_NOENT);
    memcpy(secret_msg, fake.console, sizeof(secret_msg));
    discover_rejected(cli, "nosuch", 6, E_NOENT);
    assert_string_equal(fake.console, secret_msg);
    discover_rejected(plain, "echo", 4, E_NOENT);
    discover_rejected(plain, "secret", 6, E_NOENT);
    discover_rejected(stranger, "echo", 4, E_NOENT); // its client is not its service
}

static void
test_discover_empty_name(void **state)
{
    (void)state;
    discover_rejected(cli, "echo", 0, E_NOENT); // "echo" in the buffer, length 0
    discover_rejected(svc, "echo", 0, E_NOENT); // not even its own service
    discover_rejected(plain, "", 0, E_NOENT);   // a PD with no service
    discover_rejected(last, "\0\0\0\0", 4, E_NOENT);
}

static void
test_discover_prefix_or_extension(void **state)
{
    (void)state;
    discover_rejected(cli, "ech", 3, E_NOENT);
    discover_rejected(cli, "e", 1, E_NOENT);
    discover_rejected(cli, "echoo", 5, E_NOENT);
    discover_rejected(cli, "echo ", 5, E_NOENT);
    discover_rejected(cli, "Echo", 4, E_NOENT);
    discover_rejected(svc, "ech", 3, E_NOENT);
    discover_rejected(svc, "echos", 5, E_NOENT);
    discover_rejected(cli2, "secre", 5, E_NOENT);
}

// A name is `len` bytes, NUL included: "echo\0" is not "echo" any more than
// "echoo" is. (The library never sends a NUL; a PD may.)
static void
test_discover_nul_extension(void **state)
{
    (void)state;
    char padded[MOAT_NAME_LEN] = "echo";

    discover_rejected(cli, "echo\0", 5, E_NOENT);
    discover_rejected(svc, "echo\0", 5, E_NOENT);
    discover_rejected(cli, padded, MOAT_NAME_LEN, E_NOENT);
}

static void
test_discover_name_too_long(void **state)
{
    (void)state;
    discover_rejected(cli, "echo", MOAT_NAME_LEN + 1, E_RANGE);
    discover_rejected(cli, "echo", 1000, E_RANGE);
    discover_rejected(cli, "echo", 1UL << 32 | 4, E_RANGE); // not truncated to 4
    discover_rejected(cli, "echo", ~0UL, E_RANGE);
    discover_rejected(plain, "", MOAT_NAME_LEN + 1, E_RANGE);
}

static void
test_discover_longest_name(void **state)
{
    (void)state;
    char longest[MOAT_NAME_LEN];

    memset(longest, 'x', sizeof(longest));
    memcpy(last->service, longest, MOAT_NAME_LEN); // 64 bytes, then the terminator
    last->clients = BIT(cli);
    cli->uses |= BIT(last);
    discover_ok(cli, longest, MOAT_NAME_LEN, id(last), 0);
    discover_ok(last, longest, MOAT_NAME_LEN, id(last), 1);
    discover_rejected(cli, longest, MOAT_NAME_LEN - 1, E_NOENT);
}

static void
test_discover_new_incarnation(void **state)
{
    (void)state;
    pd_renew(svc);
    discover_ok(cli, "echo", 4, 1UL << 8 | 1, 0);
    pd_renew(svc);
    discover_ok(svc, "echo", 4, 2UL << 8 | 1, 1);
}

// --- ids ----------------------------------------------------------------------

static void
test_ids_never_zero(void **state)
{
    (void)state;
    for (unsigned i = 0; i < MOAT_MAX_PDS; i++) {
        struct pd *pd = world_pd(i, "pd", 1);

        for (uint32_t gen = 0; gen < 3; gen++) {
            pd->gen = gen;
            assert_int_not_equal(svc_id(pd), 0);
            assert_int_equal(svc_id(pd), id(pd));
            assert_ptr_equal(svc_lookup(svc_id(pd)), pd);
        }
        pd->gen = IPC_GEN_MASK; // the last incarnation before the generation wraps
        assert_int_equal(svc_id(pd), IPC_GEN_MASK << 8 | (i + 1));
        assert_true(svc_id(pd) < 1UL << 31);
        pd_renew(pd);
        assert_int_equal(pd->gen, 0);
        assert_int_equal(svc_id(pd), i + 1); // still not 0
    }
}

static void
test_id_malformed(void **state)
{
    (void)state;
    const word_t bad[] = {
        0,
        1UL << 8,              // index byte 0, generation 1
        8,                     // index 7: beyond npds (7)
        MOAT_MAX_PDS + 1,      // index 63
        0xff,                  // index 254
        6,                     // index 5: the empty slot
        id(svc) | 1UL << 31,   // bits above 31
        id(svc) | 1UL << 32,
        id(svc) | 1UL << 63,
        ~0UL,
    };

    for (unsigned i = 0; i < ARRAY_SIZE(bad); i++) {
        runs(cli);
        rejected(IPC_NOTIFY_SERVICE, bad[i], 0, 0, E_NOENT);
        rejected(IPC_SHARE, bad[i], BUF_VA, 16, E_NOENT);
        runs(svc);
        rejected(IPC_NOTIFY_CLIENT, bad[i], 0, 0, E_NOENT);
    }
}

static void
test_id_self(void **state)
{
    (void)state;
    runs(svc);
    rejected(IPC_NOTIFY_SERVICE, id(svc), 0, 0, E_INVAL);
    rejected(IPC_NOTIFY_CLIENT, id(svc), 0, 0, E_INVAL);
    rejected(IPC_SHARE, id(svc), BUF_VA, 16, E_INVAL);
    runs(cli);
    rejected(IPC_NOTIFY_SERVICE, id(cli), 0, 0, E_INVAL);
    rejected(IPC_NOTIFY_CLIENT, id(cli), 0, 0, E_INVAL);
    runs(plain);
    rejected(IPC_NOTIFY_CLIENT, id(plain), 0, 0, E_INVAL);
}

static void
test_id_not_a_service(void **state)
{
    (void)state;
    runs(cli);
    rejected(IPC_NOTIFY_SERVICE, id(cli2), 0, 0, E_NOENT);     // another client
    rejected(IPC_NOTIFY_SERVICE, id(stranger), 0, 0, E_NOENT); // a service it may not use
    rejected(IPC_NOTIFY_SERVICE, id(plain), 0, 0, E_NOENT);    // no service at all
    rejected(IPC_SHARE, id(stranger), BUF_VA, 16, E_NOENT);
    rejected(IPC_SHARE, id(cli2), BUF_VA, 16, E_NOENT);
    runs(stranger);
    rejected(IPC_NOTIFY_SERVICE, id(svc), 0, 0, E_NOENT); // svc is its client, not its service
}

static void
test_id_not_a_client(void **state)
{
    (void)state;
    runs(svc);
    rejected(IPC_NOTIFY_CLIENT, id(plain), 0, 0, E_NOENT);
    rejected(IPC_NOTIFY_CLIENT, id(stranger), 0, 0, E_NOENT); // svc is stranger's client
    runs(cli);
    rejected(IPC_NOTIFY_CLIENT, id(svc), 0, 0, E_NOENT); // its service is not its client
    runs(plain);
    rejected(IPC_NOTIFY_CLIENT, id(cli), 0, 0, E_NOENT); // plain has no service
}

static void
test_id_stale(void **state)
{
    (void)state;
    word_t old_svc = id(svc), old_cli = id(cli);

    pd_renew(svc);
    runs(cli);
    rejected(IPC_NOTIFY_SERVICE, old_svc, 0, 0, E_STALE);
    rejected(IPC_SHARE, old_svc, BUF_VA, 16, E_STALE);
    rejected(IPC_NOTIFY_SERVICE, id(svc) + (1UL << 8), 0, 0, E_STALE); // a future incarnation
    runs(svc);
    pd_renew(cli);
    rejected(IPC_NOTIFY_CLIENT, old_cli, 0, 0, E_STALE);
    // The new ids work.
    ipc_ok(svc, IPC_NOTIFY_CLIENT, id(cli), 0, 0);
    event_is(cli, EVENT_IPC_CLIENT, id(svc), 0, 0);
    ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 0, 0);
}

// A parent restarting or resetting its child (SYS_PD_CTL) makes the child's
// ids stale; stopping and resuming it does not.
static void
test_id_stale_after_pd_ctl(void **state)
{
    (void)state;
    word_t old = id(svc);

    svc->parent = plain;
    svc->child_id = 2;
    runs(plain);
    assert_ptr_equal(world_syscall(2, PD_CTL_RESTART, USER_TEXT_BASE, 0, 0, 0, SYS_PD_CTL), svc);
    assert_int_equal(arch_result(plain, 0), E_OK);
    assert_int_equal(svc->gen, 1);
    waits(svc);
    runs(cli);
    rejected(IPC_NOTIFY_SERVICE, old, 0, 0, E_STALE);
    old = id(svc);
    runs(plain);
    assert_ptr_equal(world_syscall(2, PD_CTL_RESET, 0, 0, 0, 0, SYS_PD_CTL), svc);
    assert_int_equal(arch_result(plain, 0), E_OK);
    assert_int_equal(svc->gen, 2);
    waits(svc);
    runs(cli);
    rejected(IPC_NOTIFY_SERVICE, old, 0, 0, E_STALE);
    old = id(svc);
    runs(plain);
    world_syscall(2, PD_CTL_STOP, 0, 0, 0, 0, SYS_PD_CTL);
    world_syscall(2, PD_CTL_RESUME, 0, 0, 0, 0, SYS_PD_CTL);
    assert_int_equal(svc->state, PD_RECV);
    assert_int_equal(id(svc), old);
    ipc_ok(cli, IPC_NOTIFY_SERVICE, old, 0, 0);
}

static void
test_id_dead(void **state)
{
    (void)state;
    runs(cli);
    svc->state = PD_STOPPED;
    rejected(IPC_NOTIFY_SERVICE, id(svc), 0, 0, E_DEAD);
    svc->state = PD_FAULTED;
    rejected(IPC_NOTIFY_SERVICE, id(svc), 0, 0, E_DEAD);
    // A stale id of a dead PD: stale first.
    word_t old = id(svc);
    svc->gen++;
    rejected(IPC_NOTIFY_SERVICE, old, 0, 0, E_STALE);
    svc->gen--;
    svc->state = PD_RECV;

    fault(cli); // a client that faulted
    runs(svc);
    rejected(IPC_NOTIFY_CLIENT, id(cli), 0, 0, E_DEAD);
    fault(stranger); // a service that faulted
    runs(cli2);
    rejected(IPC_NOTIFY_SERVICE, id(stranger), 0, 0, E_DEAD);
}

static void
test_ipc_unknown_op(void **state)
{
    (void)state;
    rejected(IPC_SHARE + 1, id(svc), 0, 0, E_INVAL);
    rejected(1000, id(svc), 0, 0, E_INVAL);
    rejected(1UL << 32 | IPC_NOTIFY_SERVICE, id(svc), 0, 0, E_INVAL); // not truncated
    rejected(~0UL, id(svc), 0, 0, E_INVAL);
}

// --- IPC_NOTIFY_SERVICE / IPC_NOTIFY_CLIENT ----------------------------------

static void
test_notify_wakes_waiting_service(void **state)
{
    (void)state;
    // svc outranks cli: it runs at once; cli keeps its turn at the front.
    assert_ptr_equal(ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0), svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 0, 0);
    assert_int_equal(svc->ev_service, 0);
    assert_int_equal(svc->events, 0);
    assert_int_equal(svc->state, PD_RUNNABLE);
    assert_string_equal(world_queue(), "cli");
}

static void
test_notify_wakes_lower_service(void **state)
{
    (void)state;
    svc->prio = 5; // below cli: woken and queued, cli runs on
    world_rerank();
    assert_ptr_equal(ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0), cli);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 0, 0);
    assert_int_equal(svc->state, PD_RUNNABLE);
    assert_string_equal(world_queue(), "svc");
}

// svc, below its clients, is runnable but not waiting when they notify it.
static void
svc_busy_below(void)
{
    svc->prio = 5;
    world_rerank();
    busy(svc);
}

static void
test_notify_busy_service(void **state)
{
    (void)state;
    svc_busy_below();
    assert_ptr_equal(ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0), cli);
    assert_int_equal(svc->ev_service, BIT(cli));
    assert_true(svc->events & PD_EV_IPC);
    for (unsigned r = 0; r <= 6; r++) // its registers are not touched until it waits
        assert_int_equal(arch_result(svc, r), ARCH_REG_A0 + r);
    assert_ptr_equal(waits(svc), svc); // taken at once, no blocking
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 0, 0);
    assert_int_equal(svc->ev_service, 0);
    assert_int_equal(svc->events, 0);
    assert_null(waits(svc)); // nothing more: it blocks
    assert_int_equal(svc->state, PD_RECV);
}

static void
test_notify_coalesces(void **state)
{
    (void)state;
    svc_busy_below();
    for (int i = 0; i < 3; i++)
        ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    assert_int_equal(svc->ev_service, BIT(cli));
    assert_ptr_equal(waits(svc), svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 0, 0);
    waits(svc);
    assert_int_equal(svc->state, PD_RECV); // one event for three notifies
}

// Two clients that keep notifying are served alternately: the one with the
// lower index does not win every time.
static void
test_notify_round_robin(void **state)
{
    (void)state;
    svc_busy_below();
    ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    ipc_ok(cli2, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    waits(svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 0, 0);
    ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0); // both pending again
    waits(svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli2), 0, 0);
    ipc_ok(cli2, IPC_NOTIFY_SERVICE, id(svc), 0, 0); // both pending again
    waits(svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 0, 0);
    waits(svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli2), 0, 0);
    waits(svc);
    assert_int_equal(svc->state, PD_RECV);
}

static void
test_notify_client(void **state)
{
    (void)state;
    assert_null(waits(cli)); // cli waits
    assert_ptr_equal(ipc_ok(svc, IPC_NOTIFY_CLIENT, id(cli), 0, 0), svc);
    event_is(cli, EVENT_IPC_CLIENT, id(svc), 0, 0);
    assert_int_equal(cli->state, PD_RUNNABLE);
    assert_int_equal(cli->ev_client, 0);
    assert_int_equal(cli->events, 0);
    // A busy client keeps it for its next wait.
    busy(cli2);
    ipc_ok(svc, IPC_NOTIFY_CLIENT, id(cli2), 0, 0);
    assert_int_equal(cli2->ev_client, BIT(svc));
    assert_true(cli2->events & PD_EV_IPC);
    waits(cli2);
    assert_int_equal(cli2->state, PD_RUNNABLE);
    event_is(cli2, EVENT_IPC_CLIENT, id(svc), 0, 0);
    assert_int_equal(cli2->events, 0);
}

// One event per wait, in the documented order: channel notifications, a
// queued call, a client's notification of svc's service, a service's
// notification of svc (as stranger's client), the alarm. svc is busy while
// they all arrive. The reply to the call goes through SYS_REPLY_RECV, which
// in the fast-path build must leave the fast path for the pending events.
static void
test_wait_event_order(void **state)
{
    (void)state;
    fake.now = 1000;
    world_end(cli, 0, CH_VALID | CH_PPC, svc, 3);
    world_end(svc, 3, CH_VALID | CH_CALLEE, cli, 0);
    world_end(stranger, 1, CH_VALID | CH_NOTIFY, svc, 7);
    busy(svc);
    assert_ptr_equal(world_syscall(0, 0, 0x11, 0, 0, 0, SYS_CALL), svc); // queued: svc is busy
    assert_int_equal(cli->state, PD_CALL);
    assert_ptr_equal(svc->callq, cli);
    set_alarm(svc, 1000);
    assert_ptr_equal(interrupt(1001), svc);
    ipc_ok(stranger, IPC_NOTIFY_CLIENT, id(svc), 0, 0);
    ipc_ok(cli2, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    runs(stranger);
    world_syscall(1, 0, 0, 0, 0, 0, SYS_NOTIFY);
    assert_int_equal(svc->pending, 1UL << 7);

    waits(svc);
    assert_int_equal(arch_result(svc, 6), 1UL << 7);
    waits(svc);
    assert_int_equal(arch_result(svc, 6), BADGE_PPC | 3);
    assert_int_equal(arch_result(svc, 2), 0x11);
    assert_ptr_equal(world_syscall(ACTION_NONE, 0, 0x22, 0, 0, 0, SYS_REPLY_RECV), svc);
    assert_int_equal(arch_result(cli, 2), 0x22);
    alarm_event_is(svc);
    assert_ptr_equal(world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_RECV), svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli2), 0, 0);
    assert_ptr_equal(world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_RECV), svc);
    event_is(svc, EVENT_IPC_CLIENT, id(stranger), 0, 0);
    assert_int_equal(svc->events, 0);
    world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_RECV);
    assert_int_equal(svc->state, PD_RECV);
}

// A stream of client notifications cannot hold back a service's
// notification to the same PD: the two kinds of event take turns.
static void
test_wait_kinds_take_turns(void **state)
{
    (void)state;
    busy(svc);
    ipc_ok(stranger, IPC_NOTIFY_CLIENT, id(svc), 0, 0);
    for (int round = 0; round < 3; round++) {
        ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
        ipc_ok(cli2, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    }
    waits(svc);
    event_is(svc, EVENT_IPC_SERVICE, svc->ev_last == cli->index ? id(cli) : id(cli2), 0, 0);
    assert_ptr_equal(world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_RECV), svc);
    event_is(svc, EVENT_IPC_CLIENT, id(stranger), 0, 0);
}

// A client's restart forgets the events from and to its old incarnation.
static void
test_renew_client_forgets_events(void **state)
{
    (void)state;
    svc_busy_below();
    ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    ipc_ok(cli2, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    busy(cli);
    ipc_ok(svc, IPC_NOTIFY_CLIENT, id(cli), 0, 0);
    assert_int_equal(cli->ev_client, BIT(svc));
    runs(plain);
    pd_renew(cli);
    assert_int_equal(svc->ev_service, BIT(cli2));
    assert_true(svc->events & PD_EV_IPC);
    assert_int_equal(cli->ev_client, 0);
    assert_int_equal(cli->events, 0);
    pd_renew(cli2);
    assert_int_equal(svc->ev_service, 0);
    assert_int_equal(svc->events, 0);
    waits(svc);
    assert_int_equal(svc->state, PD_RECV);
}

// A service's restart forgets them too.
static void
test_renew_service_forgets_events(void **state)
{
    (void)state;
    svc_busy_below();
    busy(cli);
    ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    ipc_ok(svc, IPC_NOTIFY_CLIENT, id(cli), 0, 0);
    assert_int_equal(svc->ev_service, BIT(cli));
    assert_int_equal(cli->ev_client, BIT(svc));
    runs(plain);
    pd_renew(svc);
    assert_int_equal(svc->ev_service, 0);
    assert_int_equal(svc->events, 0);
    assert_int_equal(cli->ev_client, 0);
    assert_int_equal(cli->events, 0);
    waits(cli);
    assert_int_equal(cli->state, PD_RECV);
}

// --- IPC_SHARE ----------------------------------------------------------------

// cli's BUF_VA page: 0xee everywhere, then `len` bytes at `off` counting from 1.
static uint8_t *
client_bytes(word_t off, word_t len)
{
    uint8_t *p = ram[PG_CLI0];

    memset(p, 0xee, PAGE_SIZE);
    for (word_t i = 0; i < len; i++)
        p[off + i] = (uint8_t)(i + 1);
    return p;
}

// cli shares len bytes at BUF_VA + off with svc and notifies it; svc (waiting
// and higher) takes the notification and runs; cli is queued. Returns the
// window's frame.
static uint8_t *
share_taken(word_t off, word_t len)
{
    uint8_t *win = ram[PG_WIN_CLI];

    client_bytes(off, len);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA + off, len);
    assert_ptr_equal(ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0), svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), len, win_va(cli));
    assert_true(window_mapped(svc, cli));
    win[PAGE_SIZE - 1] = 0x77; // the service writes the whole page, not only len bytes
    return win;
}

// What a revocation by the client leaves: a zeroed window, still mapped (a
// client cannot make its service fault by revoking under it), and no copy
// out, so nothing goes back to the client.
static void
revoked(const uint8_t *win)
{
    assert_true(all_zero(win, PAGE_SIZE));
    assert_true(window_mapped(svc, cli));
    assert_false(cli->share[svc->index].mapped);
}

// What a restart or reset of the service leaves: the window zeroed and
// unmapped (hidden) too.
static void
hidden(const uint8_t *win, const struct pd *client)
{
    assert_true(all_zero(win, PAGE_SIZE));
    assert_false(window_mapped(svc, client));
    assert_false(client->share[svc->index].mapped);
}

// After a revocation the service, still at work on the old request, fills
// its window and notifies cli, and cli takes the notification: none of the
// service's bytes may reach cli's memory. The window keeps them (it is the
// service's page) and stays mapped.
static void
service_writes_stay(uint8_t *win)
{
    static uint8_t before[2][PAGE_SIZE];

    memcpy(before[0], ram[PG_CLI0], PAGE_SIZE);
    memcpy(before[1], ram[PG_CLI1], PAGE_SIZE);
    runs(svc);
    memset(win, 0x5a, PAGE_SIZE);
    ipc_ok(svc, IPC_NOTIFY_CLIENT, id(cli), 0, 0);
    if (cli->ev_client) // cli was busy: it takes the event when it waits
        waits(cli);
    assert_int_equal(cli->ev_client, 0);
    event_is(cli, EVENT_IPC_CLIENT, id(svc), 0, 0);
    assert_memory_equal(ram[PG_CLI0], before[0], PAGE_SIZE);
    assert_memory_equal(ram[PG_CLI1], before[1], PAGE_SIZE);
    assert_int_equal(win[0], 0x5a);
    assert_int_equal(win[PAGE_SIZE - 1], 0x5a);
    assert_true(window_mapped(svc, cli));
}

static void
test_share_copies_into_window(void **state)
{
    (void)state;
    uint8_t *win = ram[PG_WIN_CLI];

    client_bytes(0x100, 100);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA + 0x100, 100);
    assert_int_equal(cli->share[svc->index].va, BUF_VA + 0x100);
    assert_int_equal(cli->share[svc->index].len, 100);
    // Nothing reaches the service before it takes a notification.
    assert_false(window_mapped(svc, cli));
    assert_true(all_zero(win, PAGE_SIZE));
    assert_int_equal(fake.window_maps, 0);

    assert_ptr_equal(ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0), svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 100, USER_IPC_WINDOW + 1 * IPC_WINDOW_PAGES * PAGE_SIZE);
    for (unsigned i = 0; i < 100; i++)
        assert_int_equal(win[i], i + 1);
    assert_true(all_zero(win + 100, PAGE_SIZE - 100)); // not the client's next bytes
    assert_true(window_mapped(svc, cli));
    assert_true(cli->share[svc->index].mapped);
    assert_int_equal(fake.window_maps, 1);
    // Nobody else's window moved.
    assert_false(window_mapped(svc, cli2));
    assert_true(all_zero(ram[PG_WIN_CLI2], PAGE_SIZE));

    // The next notification refreshes the copy; the window is already mapped.
    ram[PG_CLI0][0x100] = 0x42;
    assert_ptr_equal(waits(svc), cli);
    assert_ptr_equal(ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0), svc);
    assert_int_equal(win[0], 0x42);
    assert_int_equal(fake.window_maps, 1);
}

// The service writes the window and notifies the client; the client's wait
// copies the shared bytes back, and nothing around them.
static void
test_share_copied_back(void **state)
{
    (void)state;
    uint8_t *win = share_taken(0x100, 100);
    uint8_t *buf = ram[PG_CLI0];

    for (unsigned i = 0; i < 100; i++)
        win[i] = (uint8_t)(200 - i);
    win[100] = 0x55; // beyond the shared length: stays in the window
    assert_ptr_equal(ipc_ok(svc, IPC_NOTIFY_CLIENT, id(cli), 0, 0), svc);
    assert_int_equal(buf[0x100], 1); // cli is busy: nothing copied yet
    assert_ptr_equal(waits(svc), cli);
    assert_ptr_equal(waits(cli), cli);
    event_is(cli, EVENT_IPC_CLIENT, id(svc), 0, 0); // no length or address for a client
    for (unsigned i = 0; i < 100; i++)
        assert_int_equal(buf[0x100 + i], 200 - i);
    assert_int_equal(buf[0xff], 0xee);
    assert_int_equal(buf[0x164], 0xee);
    assert_int_equal(buf[PAGE_SIZE - 1], 0xee);
    assert_true(window_mapped(svc, cli)); // still the service's to use

    // A client already waiting gets the copy at once.
    win[0] = 0x99;
    assert_null(waits(cli));
    assert_ptr_equal(ipc_ok(cli2, IPC_NOTIFY_SERVICE, id(svc), 0, 0), svc);
    ipc_ok(svc, IPC_NOTIFY_CLIENT, id(cli), 0, 0);
    assert_int_equal(cli->state, PD_RUNNABLE);
    event_is(cli, EVENT_IPC_CLIENT, id(svc), 0, 0);
    assert_int_equal(buf[0x100], 0x99);
}

// A buffer across two pages whose frames are not adjacent.
static void
test_share_across_pages(void **state)
{
    (void)state;
    uint8_t *win = ram[PG_WIN_CLI], *p0 = ram[PG_CLI0], *p1 = ram[PG_CLI1];

    memset(p0, 0xee, PAGE_SIZE);
    memset(p1, 0xee, PAGE_SIZE);
    for (unsigned i = 0; i < 8; i++)
        p0[PAGE_SIZE - 8 + i] = (uint8_t)(i + 1);
    for (unsigned i = 0; i < 16; i++)
        p1[i] = (uint8_t)(i + 9);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA + PAGE_SIZE - 8, 24);
    ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 24, win_va(cli));
    for (unsigned i = 0; i < 24; i++)
        assert_int_equal(win[i], i + 1);
    assert_true(all_zero(win + 24, PAGE_SIZE - 24));
    for (unsigned i = 0; i < 24; i++)
        win[i] = (uint8_t)(0xa0 + i);
    ipc_ok(svc, IPC_NOTIFY_CLIENT, id(cli), 0, 0);
    waits(svc);
    waits(cli);
    event_is(cli, EVENT_IPC_CLIENT, id(svc), 0, 0);
    for (unsigned i = 0; i < 8; i++)
        assert_int_equal(p0[PAGE_SIZE - 8 + i], 0xa0 + i);
    for (unsigned i = 0; i < 16; i++)
        assert_int_equal(p1[i], 0xa8 + i);
    assert_int_equal(p0[PAGE_SIZE - 9], 0xee);
    assert_int_equal(p1[16], 0xee);
}

static void
test_share_whole_page(void **state)
{
    (void)state;
    uint8_t *win = ram[PG_WIN_CLI], *buf = ram[PG_CLI0];

    for (unsigned i = 0; i < PAGE_SIZE; i++)
        buf[i] = (uint8_t)(i * 7 + 1);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA, IPC_SHARE_MAX);
    ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), IPC_SHARE_MAX, win_va(cli));
    assert_memory_equal(win, buf, PAGE_SIZE);
}

static void
test_share_too_long(void **state)
{
    (void)state;
    rejected(IPC_SHARE, id(svc), BUF_VA, IPC_SHARE_MAX + 1, E_RANGE);
    rejected(IPC_SHARE, id(svc), BUF_VA, 2 * PAGE_SIZE, E_RANGE); // both pages mapped
    rejected(IPC_SHARE, id(svc), BUF_VA, 1UL << 32, E_RANGE);
    rejected(IPC_SHARE, id(svc), BUF_VA, 1UL << 32 | 16, E_RANGE); // not truncated
    rejected(IPC_SHARE, id(svc), BUF_VA, ~0UL, E_RANGE);
}

static void
test_share_overflow(void **state)
{
    (void)state;
    rejected(IPC_SHARE, id(svc), ~0UL - 10, 100, E_RANGE); // wraps around
    rejected(IPC_SHARE, id(svc), ~0UL, 1, E_RANGE);
    rejected(IPC_SHARE, id(svc), USER_TOP - 10, 100, E_RANGE); // crosses the top
    rejected(IPC_SHARE, id(svc), USER_TOP, 1, E_RANGE);
    rejected(IPC_SHARE, id(svc), 0xffffffc080200000UL, 16, E_RANGE); // the kernel
    rejected(IPC_SHARE, id(svc), 1UL << 63, 16, E_RANGE);
}

static void
test_share_not_writable(void **state)
{
    (void)state;
    rejected(IPC_SHARE, id(svc), GAP_VA, 16, E_PERM); // unmapped
    rejected(IPC_SHARE, id(svc), RO_VA, 16, E_PERM);  // read-only
    rejected(IPC_SHARE, id(svc), RO_VA + PAGE_SIZE - 1, 1, E_PERM);
    rejected(IPC_SHARE, id(svc), 0, 16, E_PERM);          // address 0
    rejected(IPC_SHARE, id(svc), GAP_VA - 8, 16, E_PERM); // mapped, then unmapped
    rejected(IPC_SHARE, id(svc), BUF_VA - 8, 16, E_PERM); // unmapped, then mapped
    rejected(IPC_SHARE, id(svc), GAP_VA - 1, IPC_SHARE_MAX, E_PERM);
    rejected(IPC_SHARE, id(svc), USER_TOP - 16, 16, E_PERM); // the last bytes
    rejected(IPC_SHARE, id(svc), win_va(cli), 16, E_PERM);   // svc's window, not cli's
}

// A service (here also stranger's client) may not pass on what its clients
// shared with it: its windows are not its memory, mapped or not.
static void
test_share_own_window(void **state)
{
    (void)state;
    share_taken(0, 100);
    assert_ptr_equal(current, svc);
    rejected(IPC_SHARE, id(stranger), win_va(cli), 16, E_PERM);
    rejected(IPC_SHARE, id(stranger), win_va(cli) + 100, 16, E_PERM);
    rejected(IPC_SHARE, id(stranger), win_va(cli), IPC_SHARE_MAX, E_PERM);
    rejected(IPC_SHARE, id(stranger), win_va(cli2), 16, E_PERM); // unmapped
    rejected(IPC_SHARE, id(stranger), USER_IPC_WINDOW - 8, 16, E_PERM);
    // Its own memory it may share, and stranger sees it.
    memset(ram[PG_SVC], 0x31, 16);
    ipc_ok(svc, IPC_SHARE, id(stranger), BUF_VA, 16);
    assert_ptr_equal(ipc_ok(svc, IPC_NOTIFY_SERVICE, id(stranger), 0, 0), svc);
    event_is(stranger, EVENT_IPC_SERVICE, id(svc), 16, win_va(svc));
    assert_int_equal(ram[PG_SWIN_SVC][15], 0x31);
    assert_int_equal(ram[PG_SWIN_SVC][16], 0);
}

// Re-sharing revokes the old copy: the window reads zeros, the service's
// later writes go nowhere, and the next copy in brings only the new bytes.
static void
test_share_reshare_revokes(void **state)
{
    (void)state;
    uint8_t *win = share_taken(0x100, 100);

    assert_ptr_equal(waits(svc), cli);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA + 0x200, 50);
    revoked(win);
    assert_int_equal(cli->share[svc->index].va, BUF_VA + 0x200);
    assert_int_equal(cli->share[svc->index].len, 50);
    service_writes_stay(win); // neither the old buffer nor the new one changes
    ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 50, win_va(cli));
    assert_memory_equal(win, ram[PG_CLI0] + 0x200, 50);
    for (unsigned i = 50; i < PAGE_SIZE; i++) // the service's own bytes, nothing of the old copy
        assert_int_equal(win[i], 0x5a);
    assert_true(window_mapped(svc, cli));
    assert_int_equal(fake.window_maps, 1); // mapped on its first use, never again
}

static void
test_share_unshare_revokes(void **state)
{
    (void)state;
    uint8_t *win = share_taken(0x100, 100);

    assert_ptr_equal(waits(svc), cli);
    ipc_ok(cli, IPC_SHARE, id(svc), 0, 0);
    revoked(win);
    assert_int_equal(cli->share[svc->index].len, 0);
    ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 0, 0); // a notification, no buffer
    revoked(win);
    service_writes_stay(win);
    // Unsharing with nothing shared, or with a base, is fine too. (With no
    // copy out there is nothing to zero: the service clears its own bytes.)
    memset(win, 0, PAGE_SIZE);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA, 0);
    ipc_ok(cli, IPC_SHARE, id(svc), 0, 0);
    revoked(win);
    assert_int_equal(fake.window_maps, 1);
}

// The client unshares after the service notified it but before it took the
// notification: nothing comes back into its buffer, then or later.
static void
test_share_unshare_before_copy_back(void **state)
{
    (void)state;
    uint8_t *win = share_taken(0x100, 100);
    uint8_t before[PAGE_SIZE];

    memcpy(before, ram[PG_CLI0], PAGE_SIZE);
    memset(win, 0x66, 100);
    ipc_ok(svc, IPC_NOTIFY_CLIENT, id(cli), 0, 0);
    assert_ptr_equal(waits(svc), cli);
    ipc_ok(cli, IPC_SHARE, id(svc), 0, 0);
    revoked(win);
    assert_ptr_equal(waits(cli), cli);
    event_is(cli, EVENT_IPC_CLIENT, id(svc), 0, 0);
    assert_memory_equal(ram[PG_CLI0], before, PAGE_SIZE);
    revoked(win);
    service_writes_stay(win);
}

// The client revokes (here by a fault) while its service is still at work
// on its request, not waiting: the service reads zeros, and its writes go
// nowhere, even once the client's parent resumes the client.
static void
test_share_client_fault_revokes(void **state)
{
    (void)state;
    uint8_t *win = share_taken(0x100, 100);

    busy(svc);
    fault(cli);
    revoked(win);
    assert_int_equal(cli->share[svc->index].len, 0);
    assert_int_equal(fake.window_maps, 1);
    // The fixture's cli has no parent; give it one (plain) to resume it.
    cli->parent = plain;
    cli->child_id = 7;
    runs(plain);
    assert_ptr_equal(world_syscall(7, PD_CTL_RESUME, 0, 0, 0, 0, SYS_PD_CTL), svc); // busy, highest
    assert_int_equal(arch_result(plain, 0), E_OK);
    assert_int_equal(cli->state, PD_RUNNABLE);
    service_writes_stay(win);
}

// A client may still share and, above all, unshare while its service is
// stopped or faulted (a notification gets E_DEAD).
static void
test_share_while_service_stopped(void **state)
{
    (void)state;
    uint8_t *win = share_taken(0x100, 100);

    fault(svc);
    assert_true(window_mapped(svc, cli)); // a fault of the service revokes nothing
    assert_true(cli->share[svc->index].mapped);
    assert_int_equal(win[0], 1);
    assert_ptr_equal(current, cli);
    ipc_ok(cli, IPC_SHARE, id(svc), 0, 0);
    revoked(win);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA, 16);
    assert_int_equal(cli->share[svc->index].len, 16);
    assert_true(all_zero(win, PAGE_SIZE)); // nothing is copied before a notification
    rejected(IPC_NOTIFY_SERVICE, id(svc), 0, 0, E_DEAD);
    svc->state = PD_FAULTED;
    ipc_ok(cli, IPC_SHARE, id(svc), 0, 0);
    assert_int_equal(cli->share[svc->index].len, 0);
    runs(cli);
    rejected(IPC_SHARE, id(svc), RO_VA, 16, E_PERM); // the other checks still hold
    rejected(IPC_SHARE, id(svc), BUF_VA, IPC_SHARE_MAX + 1, E_RANGE);
}

// The client is restarted while the service works on its request: the
// service's old id for it is stale, its window reads zeros, and nothing it
// writes reaches the new incarnation's memory (which a restart keeps).
static void
test_share_client_restart_revokes(void **state)
{
    (void)state;
    uint8_t *win = share_taken(0x100, 100);
    word_t old = id(cli);

    pd_renew(cli);
    revoked(win);
    assert_int_equal(cli->share[svc->index].len, 0);
    assert_int_equal(fake.window_maps, 1);
    runs(svc);
    rejected(IPC_NOTIFY_CLIENT, old, 0, 0, E_STALE);
    service_writes_stay(win);
}

// A restart of the service itself unmaps its window, zeroed; a copy back
// that was due is dropped.
static void
test_share_service_restart_revokes(void **state)
{
    (void)state;
    uint8_t *win = share_taken(0x100, 100);

    memset(win, 0x66, 100);
    ipc_ok(svc, IPC_NOTIFY_CLIENT, id(cli), 0, 0); // cli is busy: kept
    assert_ptr_equal(waits(svc), cli);
    pd_renew(svc);
    hidden(win, cli);
    assert_int_equal(cli->share[svc->index].len, 0);
    assert_int_equal(cli->ev_client, 0);
    assert_null(waits(cli)); // nothing to take, nothing copied back
    assert_int_equal(ram[PG_CLI0][0x100], 1);
}

// A window is mapped on its first copy in and stays mapped through every
// revocation a client causes (unshare, re-share, restart); a restart of the
// service unmaps all its windows, revoked or not, and its new incarnation
// maps a window again on its first copy in.
static void
test_share_window_mapped_until_service_restart(void **state)
{
    (void)state;
    uint8_t *win = share_taken(0x100, 100), *win2 = ram[PG_WIN_CLI2];

    assert_int_equal(fake.window_maps, 1);
    assert_ptr_equal(waits(svc), cli);
    ipc_ok(cli, IPC_SHARE, id(svc), 0, 0);
    revoked(win);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA + 0x10, 8);
    assert_ptr_equal(ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0), svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 8, win_va(cli));
    assert_int_equal(win[0], 0xee);
    assert_true(all_zero(win + 8, PAGE_SIZE - 8));
    assert_ptr_equal(waits(svc), cli);
    pd_renew(cli);
    revoked(win);
    assert_int_equal(fake.window_maps, 1); // never unmapped, never mapped again
    memset(win, 0x55, 64); // the service writes its revoked window: a restart must zero it

    // cli2 shares too: svc has one revoked and one live window.
    memset(ram[PG_CLI2], 0x22, 32);
    ipc_ok(cli2, IPC_SHARE, id(svc), BUF_VA, 32);
    assert_ptr_equal(ipc_ok(cli2, IPC_NOTIFY_SERVICE, id(svc), 0, 0), svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli2), 32, win_va(cli2));
    assert_true(window_mapped(svc, cli2));
    assert_int_equal(fake.window_maps, 2);
    assert_int_equal(win2[31], 0x22);

    pd_renew(svc);
    hidden(win, cli);
    hidden(win2, cli2);
    assert_int_equal(fake.window_maps, 4); // one unmap each
    assert_int_equal(cli2->share[svc->index].len, 0);
    assert_int_equal(ram[PG_CLI2][0], 0x22); // nothing copied back

    // The new incarnation: the window is unreachable until its first copy in.
    runs(cli);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA, 4);
    assert_false(window_mapped(svc, cli));
    waits(svc);
    assert_ptr_equal(ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0), svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 4, win_va(cli));
    assert_true(window_mapped(svc, cli));
    assert_false(window_mapped(svc, cli2));
    assert_int_equal(fake.window_maps, 5);
    assert_memory_equal(win, ram[PG_CLI0], 4);
    assert_true(all_zero(win + 4, PAGE_SIZE - 4));
}

// --- SYS_ALARM ----------------------------------------------------------------

static void
test_alarm_arms_timer(void **state)
{
    (void)state;
    fake.now = 1000;
    assert_ptr_equal(set_alarm(cli, 5000), cli);
    assert_int_equal(cli->alarm, 5000);
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_ticks, 4000);
}

static void
test_alarm_wakes_waiting_pd(void **state)
{
    (void)state;
    fake.now = 1000;
    set_alarm(cli, 5000);
    assert_null(waits(cli));
    assert_ptr_equal(interrupt(5000), cli);
    alarm_event_is(cli);
    assert_int_equal(cli->state, PD_RUNNABLE);
    assert_int_equal(cli->alarm, 0);
    assert_int_equal(cli->events, 0);
    assert_false(fake.timer_armed); // nothing else to wait for
}

static void
test_alarm_late_interrupt(void **state)
{
    (void)state;
    fake.now = 1000;
    set_alarm(cli, 5000);
    waits(cli);
    assert_ptr_equal(interrupt(7000), cli);
    alarm_event_is(cli);
}

static void
test_alarm_not_before_deadline(void **state)
{
    (void)state;
    fake.now = 1000;
    set_alarm(cli, 5000);
    waits(cli);
    assert_null(interrupt(4999));
    assert_int_equal(cli->state, PD_RECV);
    assert_int_equal(cli->alarm, 5000);
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_ticks, 1);
}

static void
test_alarm_while_busy(void **state)
{
    (void)state;
    fake.now = 1000;
    set_alarm(cli, 5000);
    assert_ptr_equal(interrupt(5000), cli);
    assert_true(cli->events & PD_EV_ALARM);
    assert_int_equal(arch_result(cli, 6), 1UL << 8 | 16); // not delivered yet
    assert_ptr_equal(waits(cli), cli);
    alarm_event_is(cli);
    assert_int_equal(cli->events, 0);
    assert_null(waits(cli)); // once only
}

static void
test_alarm_cancel(void **state)
{
    (void)state;
    fake.now = 1000;
    set_alarm(cli, 5000);
    set_alarm(cli, 0);
    assert_int_equal(cli->alarm, 0);
    assert_false(fake.timer_armed);
    waits(cli);
    assert_null(interrupt(6000));
    assert_int_equal(cli->state, PD_RECV);
}

static void
test_alarm_past_deadline(void **state)
{
    (void)state;
    fake.now = 1000;
    set_alarm(cli, 500);
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_ticks, 1); // at once
    waits(cli);
    assert_ptr_equal(interrupt(1001), cli);
    alarm_event_is(cli);
}

static void
test_alarm_earliest_of_two(void **state)
{
    (void)state;
    fake.now = 1000;
    set_alarm(cli, 9000);
    set_alarm(cli2, 5000);
    assert_int_equal(fake.timer_ticks, 4000);
    assert_null(waits(cli2));
    assert_int_equal(cli->state, PD_RECV);
    assert_ptr_equal(interrupt(5000), cli2);
    alarm_event_is(cli2);
    assert_int_equal(cli->state, PD_RECV);
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_ticks, 4000); // now for cli's
    assert_ptr_equal(interrupt(9000), cli);
    alarm_event_is(cli);
    assert_false(fake.timer_armed);
}

// cli runs and cli2, now at cli's priority, is queued: the two share the CPU
// and the round-robin tick is armed for a slice from fake.now.
static void
share_cpu(void)
{
    runs(cli);
    cli2->prio = cli->prio;
    world_rerank();
    busy(cli2);
    assert_ptr_equal(sched_choose(), cli);
    assert_true(sched_tick_armed);
}

static void
test_alarm_and_tick_earlier_first(void **state)
{
    (void)state;
    fake.now = 1000;
    share_cpu();
    assert_int_equal(fake.timer_ticks, SLICE);
    set_alarm(cli, 1000 + SLICE / 2); // before the slice ends
    assert_int_equal(fake.timer_ticks, SLICE / 2);
    set_alarm(cli, 1000 + 2 * SLICE); // after it
    assert_int_equal(fake.timer_ticks, SLICE);
    set_alarm(cli, 0);
    assert_true(fake.timer_armed); // the tick still needs it
    assert_int_equal(fake.timer_ticks, SLICE);
}

// An alarm interrupt inside the slice wakes the PD but does not end the
// slice: the running PD keeps the CPU and its equal stays behind it.
static void
test_alarm_interrupt_keeps_slice(void **state)
{
    (void)state;
    fake.now = 1000;
    set_alarm(plain, 1000 + SLICE / 2);
    assert_null(waits(plain));
    share_cpu();
    assert_int_equal(fake.timer_ticks, SLICE / 2); // for the alarm
    assert_ptr_equal(interrupt(1000 + SLICE / 2), cli);
    alarm_event_is(plain);
    assert_int_equal(plain->state, PD_RUNNABLE);
    assert_true(sched_tick_armed);
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_ticks, SLICE / 2); // the rest of cli's slice
    assert_string_equal(world_queue(), "cli2 plain");
}

// The slice's end rotates the equals; an alarm due later is still pending,
// and when it fires it does not rotate them again.
static void
test_tick_then_alarm(void **state)
{
    (void)state;
    fake.now = 1000;
    set_alarm(plain, 1000 + 3 * SLICE / 2);
    waits(plain);
    share_cpu();
    assert_int_equal(fake.timer_ticks, SLICE);
    assert_ptr_equal(interrupt(1000 + SLICE), cli2); // rotated
    assert_int_equal(plain->state, PD_RECV);
    assert_int_equal(fake.timer_ticks, SLICE / 2); // the alarm comes before cli2's slice ends
    assert_ptr_equal(interrupt(1000 + 3 * SLICE / 2), cli2);
    alarm_event_is(plain);
    assert_int_equal(fake.timer_ticks, SLICE / 2); // the rest of cli2's slice
    assert_string_equal(world_queue(), "cli plain");
}

static void
test_alarm_renew_cancels(void **state)
{
    (void)state;
    fake.now = 1000;
    set_alarm(cli, 5000);
    runs(cli2);
    pd_renew(cli);
    assert_int_equal(cli->alarm, 0);
    assert_false(fake.timer_armed);
    // An alarm that fired but was not taken goes too.
    set_alarm(cli, 6000);
    assert_ptr_equal(interrupt(6000), cli);
    assert_true(cli->events & PD_EV_ALARM);
    runs(cli2);
    pd_renew(cli);
    assert_int_equal(cli->events, 0);
    assert_null(waits(cli));
    assert_int_equal(cli->state, PD_RECV);
}

// --- the fast path ------------------------------------------------------------

// cli calls svc over channel 0; svc now serves it. The fast path's other
// conditions for SYS_REPLY_RECV hold: no action, nothing queued at cli's
// priority or above, no tick.
static void
serve_call(void)
{
    world_end(cli, 0, CH_VALID | CH_PPC, svc, 0);
    world_end(svc, 0, CH_VALID | CH_CALLEE, cli, 0);
    runs(cli);
    assert_ptr_equal(world_syscall(0, 0, 1, 2, 3, 4, SYS_CALL), svc);
    assert_ptr_equal(svc->caller, cli);
    assert_false(sched_tick_armed);
}

static void
reply_recv_takes_event(void)
{
    unsigned resumes = fake.resumes;

    assert_ptr_equal(world_syscall(ACTION_NONE, 0, 5, 6, 7, 8, SYS_REPLY_RECV), svc);
    assert_int_equal(cli->state, PD_RUNNABLE);
    assert_int_equal(arch_result(cli, 0), E_OK);
    assert_int_equal(arch_result(cli, 2), 5);
    assert_int_equal(svc->state, PD_RUNNABLE);
    assert_null(svc->caller);
#ifdef WORLD_FASTPATH
    assert_int_equal(fake.resumes, resumes + 1); // the general path did it
#else
    (void)resumes;
#endif
}

static void
test_reply_recv_takes_service_event(void **state)
{
    (void)state;
    serve_call();
    svc_notify(cli2, svc, true); // as cli2's IPC_NOTIFY_SERVICE would, svc being busy
    assert_true(svc->events & PD_EV_IPC);
    reply_recv_takes_event();
    event_is(svc, EVENT_IPC_SERVICE, id(cli2), 0, 0);
    assert_int_equal(svc->events, 0);
}

static void
test_reply_recv_takes_alarm(void **state)
{
    (void)state;
    fake.now = 1000;
    serve_call();
    set_alarm(svc, 2000);
    assert_ptr_equal(interrupt(2000), svc);
    assert_true(svc->events & PD_EV_ALARM);
    reply_recv_takes_event();
    alarm_event_is(svc);
    assert_int_equal(svc->events, 0);
}

// With nothing pending the same reply blocks svc (through the fast path in
// the fast-path build): the two tests above really test the fast path's test.
static void
test_reply_recv_blocks_without_event(void **state)
{
    (void)state;
    serve_call();
    unsigned switches = fake.switches;
    assert_ptr_equal(world_syscall(ACTION_NONE, 0, 5, 6, 7, 8, SYS_REPLY_RECV), cli);
    assert_int_equal(svc->state, PD_RECV);
#ifdef WORLD_FASTPATH
    assert_int_equal(fake.switches, switches + 1);
#else
    (void)switches;
#endif
}

// --- svc_boot -----------------------------------------------------------------

#define BOOT_PDS 3

static union {
    struct image_hdr hdr;
    unsigned char bytes[sizeof(struct image_hdr) + BOOT_PDS * sizeof(struct image_pd)];
} buf;
static struct image_hdr *const img = &buf.hdr;

// pd0 (service "echo", clients pd1 and pd2, windows for both), pd1, pd2; no
// channels. IPC buffers and windows in ram.
static int
boot_setup(void **state)
{
    world_setup(state);
    memset(ram, 0, sizeof(ram));
    fake_phys(ram, RAM_PA, sizeof(ram));
    memset(busy_pds, 0, sizeof(busy_pds));
    memset(&buf, 0, sizeof(buf));
    img->magic = IMAGE_MAGIC;
    img->version = IMAGE_VERSION;
    img->hdr_size = sizeof(struct image_hdr);
    img->pd_size = sizeof(struct image_pd);
    img->npds = BOOT_PDS;
    img->size = img->file_size = sizeof(buf);
    img->ncpus = 1;
    for (unsigned i = 0; i < BOOT_PDS; i++) {
        struct image_pd *p = &img->pd[i];

        snprintf(p->name, sizeof(p->name), "pd%u", i);
        p->prio = (uint8_t)(10 + i);
        p->root_pa = PA(i);
        p->entry = USER_TEXT_BASE;
        p->sp = USER_STACK_TOP;
        p->ipcbuf_pa = PA(i);
        p->stack_lo = USER_STACK_TOP - STACK_SIZE_DEF;
        p->parent = IMAGE_NO_PARENT;
        p->budget_us = p->period_us = 1000;
    }
    memcpy(img->pd[0].service, "echo", 4);
    img->pd[0].clients = 1UL << 1 | 1UL << 2;
    fake_window(&pds[0], USER_IPC_WINDOW + 1 * IPC_WINDOW_PAGES * PAGE_SIZE, PA(4));
    fake_window(&pds[0], USER_IPC_WINDOW + 2 * IPC_WINDOW_PAGES * PAGE_SIZE, PA(5));
    return 0;
}

#define BOOT_TEST(f) {WORLD_NAME(f), f, boot_setup, NULL, NULL}

static void
boot_fn(void *arg)
{
    pd_boot(arg);
    svc_boot(arg);
}

// pd_boot and svc_boot: -1 if they returned, else the halt code.
static int
boot(void)
{
    return fake_catch_halt(boot_fn, img);
}

// After boot every PD is queued: let them all wait, so that each test
// chooses who runs.
static void
all_wait(void)
{
    for (unsigned i = 0; i < npds; i++) {
        sched_remove(&pds[i]);
        pds[i].state = PD_RECV;
    }
}

static void
check_panics(const char *why)
{
    assert_int_equal(boot(), 100);
    assert_non_null(strstr(fake.console, "panic: "));
    assert_non_null(strstr(fake.console, "svc.c:"));
    assert_non_null(kernel_epitaph);
    assert_non_null(strstr(kernel_epitaph, why));
}

static void
test_boot_reads_services(void **state)
{
    (void)state;
    memset(img->pd[2].service, 'z', MOAT_NAME_LEN); // 64 bytes, no NUL
    img->pd[2].clients = 1UL << 0;
    fake_window(&pds[2], USER_IPC_WINDOW + 0 * IPC_WINDOW_PAGES * PAGE_SIZE, PA(6));
    assert_int_equal(boot(), -1);
    assert_string_equal(pds[0].service, "echo");
    assert_int_equal(strlen(pds[2].service), MOAT_NAME_LEN);
    assert_string_equal(pds[1].service, "");
    assert_int_equal(pds[0].clients, 1UL << 1 | 1UL << 2);
    assert_int_equal(pds[1].clients, 0);
    assert_int_equal(pds[2].clients, 1UL << 0);
    assert_int_equal(pds[0].uses, 1UL << 2);
    assert_int_equal(pds[1].uses, 1UL << 0);
    assert_int_equal(pds[2].uses, 1UL << 0);
    for (unsigned i = 0; i < BOOT_PDS; i++) {
        assert_int_equal(pds[i].gen, 0);
        assert_int_equal(pds[i].events, 0);
        assert_int_equal(pds[i].alarm, 0);
    }
    assert_int_equal(fake.window_maps, 0); // windows stay unreachable
    all_wait();
    // What it read works: pd1 finds "echo", pd0 finds pd2's service.
    discover_ok(&pds[1], "echo", 4, 1, 0);
    char z[MOAT_NAME_LEN];
    memset(z, 'z', sizeof(z));
    discover_ok(&pds[0], z, MOAT_NAME_LEN, 3, 0);
    discover_rejected(&pds[1], z, MOAT_NAME_LEN, E_NOENT);
}

static void
test_boot_service_without_clients(void **state)
{
    (void)state;
    memcpy(img->pd[1].service, "lonely", 6); // no clients, so no windows
    assert_int_equal(boot(), -1);
    assert_string_equal(pds[1].service, "lonely");
    all_wait();
    discover_ok(&pds[1], "lonely", 6, 2, 1);
}

static void
test_boot_clients_without_service(void **state)
{
    (void)state;
    img->pd[1].clients = 1UL << 0;
    check_panics("clients of a PD with no service");
}

static void
test_boot_client_beyond_npds(void **state)
{
    (void)state;
    img->pd[0].clients |= 1UL << BOOT_PDS;
    check_panics("bad client set");
    boot_setup(NULL);
    img->pd[0].clients |= 1UL << 63;
    check_panics("bad client set");
}

static void
test_boot_own_client(void **state)
{
    (void)state;
    img->pd[0].clients |= 1UL << 0;
    check_panics("bad client set");
}

static void
test_boot_missing_window(void **state)
{
    (void)state;
    memcpy(img->pd[1].service, "other", 5);
    img->pd[1].clients = 1UL << 2; // no window of pd1 for pd2
    check_panics("no window for a client");
}

// --- share="map", the default: the service sees the client's own pages -------

// The frame behind page k of svc's window for cli, and whether it is reachable.
static paddr_t
slot_pa(unsigned k, bool *on)
{
    for (unsigned i = 0; i < fake.nwindows; i++) {
        if (fake.windows[i].pd == svc && fake.windows[i].va == win_va(cli) + k * PAGE_SIZE) {
            *on = fake.windows[i].write;
            return fake.windows[i].pa;
        }
    }
    fail_msg("no window page %u", k);
    return 0;
}

static void
slot_is(unsigned k, paddr_t pa, bool on)
{
    bool got;

    assert_int_equal(slot_pa(k, &got), pa);
    assert_int_equal(got, on);
}

static void
map_mode(void)
{
    svc->copy_clients = 0;
}

// A share shows the client's page at once, before any notification; the
// second page shows the pair's own page; the event gives the buffer's
// address in the window, offset kept.
static void
test_map_share_shows_client_pages(void **state)
{
    (void)state;
    map_mode();
    client_bytes(0x100, 100);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA + 0x100, 100);
    slot_is(0, PA(PG_CLI0), true);
    slot_is(1, PA(PG_WIN_CLI), true);
    slot_is(2, PA(PG_WIN_CLI), false); // the pair's page, never reachable there
    assert_true(cli->share[svc->index].mapped);
    assert_ptr_equal(ipc_ok(cli, IPC_NOTIFY_SERVICE, id(svc), 0, 0), svc);
    event_is(svc, EVENT_IPC_SERVICE, id(cli), 100, win_va(cli) + 0x100);
    assert_true(all_zero(ram[PG_WIN_CLI], PAGE_SIZE)); // nothing copied
    // The service answers; the client takes it: nothing copied back either.
    ram[PG_CLI0][0x100] = 0x42; // as the service's store through the window
    ipc_ok(svc, IPC_NOTIFY_CLIENT, id(cli), 0, 0);
    waits(svc);
    waits(cli);
    event_is(cli, EVENT_IPC_CLIENT, id(svc), 0, 0);
    assert_int_equal(ram[PG_CLI0][0x100], 0x42);
    assert_true(all_zero(ram[PG_WIN_CLI], PAGE_SIZE));
}

// A buffer across a page boundary: both of the client's frames, in order,
// though they are not adjacent.
static void
test_map_share_two_pages(void **state)
{
    (void)state;
    map_mode();
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA + PAGE_SIZE - 8, 16);
    slot_is(0, PA(PG_CLI0), true);
    slot_is(1, PA(PG_CLI1), true);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA, IPC_SHARE_MAX); // a whole page: one
    slot_is(0, PA(PG_CLI0), true);
    slot_is(1, PA(PG_WIN_CLI), true);
}

// Unsharing, re-sharing and the client's fault or restart take the client's
// pages out of the window at once: it shows the pair's page, zeroed, and
// stays reachable (a client cannot make its service fault).
static void
test_map_revoke(void **state)
{
    (void)state;
    map_mode();
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA + PAGE_SIZE - 8, 16);
    memset(ram[PG_WIN_CLI], 0x5a, PAGE_SIZE); // the service wrote past the buffer
    ipc_ok(cli, IPC_SHARE, id(svc), 0, 0);
    slot_is(0, PA(PG_WIN_CLI), true);
    slot_is(1, PA(PG_WIN_CLI), true);
    assert_true(all_zero(ram[PG_WIN_CLI], PAGE_SIZE));
    assert_false(cli->share[svc->index].mapped);

    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA, 16);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA + PAGE_SIZE, 16); // re-share: the new page only
    slot_is(0, PA(PG_CLI1), true);
    slot_is(1, PA(PG_WIN_CLI), true);

    fault(cli);
    slot_is(0, PA(PG_WIN_CLI), true);
    assert_int_equal(cli->share[svc->index].len, 0);

    ipc_ok(cli2, IPC_SHARE, id(svc), BUF_VA, 16);
    pd_renew(cli2);
    assert_int_equal(cli2->share[svc->index].len, 0);
    assert_false(cli2->share[svc->index].mapped);
}

// A restart of the service unmaps the window; a share after it shows the
// client's page again.
static void
test_map_service_restart_hides(void **state)
{
    (void)state;
    map_mode();
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA, 16);
    pd_renew(svc);
    slot_is(0, PA(PG_WIN_CLI), false);
    slot_is(1, PA(PG_WIN_CLI), false);
    assert_int_equal(cli->share[svc->index].len, 0);
    ipc_ok(cli, IPC_SHARE, id(svc), BUF_VA, 16);
    slot_is(0, PA(PG_CLI0), true);
}

// share="copy" for a PD that is no client is a broken image.
static void
test_boot_copy_not_client(void **state)
{
    (void)state;
    img->pd[0].copy_clients = 1UL << 3;
    check_panics("share=\"copy\" for a PD that is no client");
}

int
main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        FIXTURE_TEST(test_discover_own_service),
        FIXTURE_TEST(test_discover_used_service),
        FIXTURE_TEST(test_discover_not_a_client),
        FIXTURE_TEST(test_discover_empty_name),
        FIXTURE_TEST(test_discover_prefix_or_extension),
        FIXTURE_TEST(test_discover_nul_extension),
        FIXTURE_TEST(test_discover_name_too_long),
        FIXTURE_TEST(test_discover_longest_name),
        FIXTURE_TEST(test_discover_new_incarnation),
        FIXTURE_TEST(test_ids_never_zero),
        FIXTURE_TEST(test_id_malformed),
        FIXTURE_TEST(test_id_self),
        FIXTURE_TEST(test_id_not_a_service),
        FIXTURE_TEST(test_id_not_a_client),
        FIXTURE_TEST(test_id_stale),
        FIXTURE_TEST(test_id_stale_after_pd_ctl),
        FIXTURE_TEST(test_id_dead),
        FIXTURE_TEST(test_ipc_unknown_op),
        FIXTURE_TEST(test_notify_wakes_waiting_service),
        FIXTURE_TEST(test_notify_wakes_lower_service),
        FIXTURE_TEST(test_notify_busy_service),
        FIXTURE_TEST(test_notify_coalesces),
        FIXTURE_TEST(test_notify_round_robin),
        FIXTURE_TEST(test_notify_client),
        FIXTURE_TEST(test_wait_event_order),
        FIXTURE_TEST(test_wait_kinds_take_turns),
        FIXTURE_TEST(test_renew_client_forgets_events),
        FIXTURE_TEST(test_renew_service_forgets_events),
        FIXTURE_TEST(test_share_copies_into_window),
        FIXTURE_TEST(test_share_copied_back),
        FIXTURE_TEST(test_share_across_pages),
        FIXTURE_TEST(test_share_whole_page),
        FIXTURE_TEST(test_share_too_long),
        FIXTURE_TEST(test_share_overflow),
        FIXTURE_TEST(test_share_not_writable),
        FIXTURE_TEST(test_share_own_window),
        FIXTURE_TEST(test_share_reshare_revokes),
        FIXTURE_TEST(test_share_unshare_revokes),
        FIXTURE_TEST(test_share_unshare_before_copy_back),
        FIXTURE_TEST(test_share_client_fault_revokes),
        FIXTURE_TEST(test_share_while_service_stopped),
        FIXTURE_TEST(test_share_client_restart_revokes),
        FIXTURE_TEST(test_share_service_restart_revokes),
        FIXTURE_TEST(test_share_window_mapped_until_service_restart),
        FIXTURE_TEST(test_alarm_arms_timer),
        FIXTURE_TEST(test_alarm_wakes_waiting_pd),
        FIXTURE_TEST(test_alarm_late_interrupt),
        FIXTURE_TEST(test_alarm_not_before_deadline),
        FIXTURE_TEST(test_alarm_while_busy),
        FIXTURE_TEST(test_alarm_cancel),
        FIXTURE_TEST(test_alarm_past_deadline),
        FIXTURE_TEST(test_alarm_earliest_of_two),
        FIXTURE_TEST(test_alarm_and_tick_earlier_first),
        FIXTURE_TEST(test_alarm_interrupt_keeps_slice),
        FIXTURE_TEST(test_tick_then_alarm),
        FIXTURE_TEST(test_alarm_renew_cancels),
        FIXTURE_TEST(test_reply_recv_takes_service_event),
        FIXTURE_TEST(test_reply_recv_takes_alarm),
        FIXTURE_TEST(test_reply_recv_blocks_without_event),
        BOOT_TEST(test_boot_reads_services),
        BOOT_TEST(test_boot_service_without_clients),
        BOOT_TEST(test_boot_clients_without_service),
        BOOT_TEST(test_boot_client_beyond_npds),
        BOOT_TEST(test_boot_own_client),
        BOOT_TEST(test_boot_missing_window),
        BOOT_TEST(test_boot_copy_not_client),
        FIXTURE_TEST(test_map_share_shows_client_pages),
        FIXTURE_TEST(test_map_share_two_pages),
        FIXTURE_TEST(test_map_revoke),
        FIXTURE_TEST(test_map_service_restart_hides),
    };

    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("svc", tests, NULL, NULL);
}
