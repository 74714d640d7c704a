// SPDX-License-Identifier: BSD-2-Clause
//
// Unit tests of child PDs: a child's fault reaching its parent (pd_fault,
// ppc_fault, the parent's wait and reply), and SYS_PD_CTL (restart, stop,
// resume, reset) with every error leaving everything as it was.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "moat/image.h"

#include "fake_arch.h"
#include "ipc.h"
#include "irq.h"
#include "pd.h"
#include "sched.h"
#include "world.h"

#define CHILD_ID 4
#define RAM_PA   0x80400000UL

static struct pd *parent, *child, *other;
static const word_t vm_fault[5] = {6, 0x200010, 0x1000, 0, 13}; // label, ip, addr, prefetch, fsr
static uint64_t ram[3][PAGE_SIZE / 8]; // [0] live page, [1] pristine copy, [2] reset list

// parent (30) waits; child (20) is running; other (10) is queued.
static int
setup(void **state)
{
    world_setup(state);
    parent = world_pd(0, "parent", 30);
    parent->state = PD_RECV;
    child = world_pd(1, "child", 20);
    child->parent = parent;
    child->child_id = CHILD_ID;
    child->entry = 0x200000;
    child->sp0 = USER_STACK_TOP;
    other = world_pd(2, "other", 10);
    sched_ready(other);
    current = child;
    fake_phys(ram, RAM_PA, sizeof(ram));
    memset(ram, 0, sizeof(ram));
    return 0;
}

// Make pd the running PD; the one running before goes back to the queue.
static void
runs(struct pd *pd)
{
    struct pd *prev = current;

    if (pd->state == PD_RUNNABLE && pd != prev)
        sched_remove(pd);
    pd->state = PD_RUNNABLE;
    current = pd;
    if (prev && prev != pd && prev->state == PD_RUNNABLE)
        sched_ready(prev);
}

// The child, waiting, takes a call from other (the child outranks it) and
// runs, serving it.
static void
serve_other(void)
{
    world_end(other, 0, CH_VALID | CH_PPC, child, 0);
    runs(other);
    sched_remove(child);
    child->state = PD_RECV;
    world_syscall(0, 0, 0, 0, 0, 0, SYS_CALL);
    assert_ptr_equal(child->caller, other);
    assert_ptr_equal(current, child);
}

static struct pd *
ctl(word_t id, word_t op, word_t entry)
{
    return world_syscall(id, op, entry, 0, 0, 0, SYS_PD_CTL);
}

static void
test_fault_reaches_waiting_parent(void **state)
{
    (void)state;
    word_t a0 = arch_result(child, 0), pc = arch_pc(child);

    pd_fault(child, "load page fault", 0x200010, 0x1000, vm_fault);
    assert_int_equal(child->state, PD_FAULTED);
    assert_ptr_equal(parent->caller, child);
    assert_int_equal(fake.console_len, 0); // the parent handles it: the kernel says nothing
    assert_int_equal(arch_result(parent, 0), E_OK);
    assert_int_equal(arch_result(parent, 1), 6UL << 12 | 4);
    assert_int_equal(arch_result(parent, 2), 0x200010);
    assert_int_equal(arch_result(parent, 3), 0x1000);
    assert_int_equal(arch_result(parent, 4), 0);
    assert_int_equal(arch_result(parent, 5), 13);
    assert_int_equal(arch_result(parent, 6), BADGE_FAULT | CHILD_ID);
    assert_ptr_equal(sched_choose(), parent);
    // The child's own registers are untouched: it can resume.
    assert_int_equal(arch_result(child, 0), a0);
    assert_int_equal(arch_pc(child), pc);
}

static void
test_fault_waits_for_busy_parent(void **state)
{
    (void)state;
    parent->state = PD_RUNNABLE;
    sched_ready(parent);
    pd_fault(child, "load page fault", 0, 0x1000, vm_fault);
    assert_int_equal(child->state, PD_FAULTED);
    assert_ptr_equal(parent->callq, child);
    current = sched_choose();
    assert_ptr_equal(current, parent);
    world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_RECV); // the parent waits: takes the fault
    assert_ptr_equal(parent->caller, child);
    assert_int_equal(arch_result(parent, 6), BADGE_FAULT | CHILD_ID);
}

static void
test_reply_resumes_child_where_it_faulted(void **state)
{
    (void)state;
    word_t pc = arch_pc(child);

    pd_fault(child, "load page fault", 0, 0x1000, vm_fault);
    current = sched_choose();
    world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_REPLY_RECV);
    assert_int_equal(arch_result(parent, 0), E_OK);
    assert_null(parent->caller);
    assert_int_equal(parent->state, PD_RECV);
    assert_int_equal(child->state, PD_RUNNABLE);
    assert_int_equal(arch_pc(child), pc);
    assert_ptr_equal(current, child);
}

static void
test_wait_declines_fault(void **state)
{
    (void)state;
    pd_fault(child, "load page fault", 0, 0x1000, vm_fault);
    current = sched_choose();
    world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_RECV);
    assert_null(parent->caller);
    assert_int_equal(parent->state, PD_RECV);
    assert_int_equal(child->state, PD_FAULTED); // until restarted or resumed
    assert_ptr_equal(current, other);
}

static void
test_fault_without_able_parent_stops(void **state)
{
    (void)state;
    parent->state = PD_STOPPED;
    pd_fault(child, "load page fault", 0, 0x1000, vm_fault);
    assert_int_equal(child->state, PD_STOPPED);
    assert_null(parent->caller);
    assert_null(parent->callq);
}

static void
test_faulted_child_rejects_calls(void **state)
{
    (void)state;
    world_end(other, 0, CH_VALID | CH_PPC, child, 0);
    pd_fault(child, "load page fault", 0, 0x1000, vm_fault);
    current = other;
    world_syscall(0, 0, 0, 0, 0, 0, SYS_CALL);
    assert_int_equal(arch_result(other, 0), E_DEAD);
}

static void
test_ctl_errors_change_nothing(void **state)
{
    (void)state;
    runs(parent);
    world_snap();
    ctl(62, PD_CTL_STOP, 0);
    world_unchanged(parent, E_RANGE);
    ctl(CHILD_ID + 1, PD_CTL_STOP, 0);
    world_unchanged(parent, E_NOENT);
    ctl(CHILD_ID, 4, 0);
    world_unchanged(parent, E_INVAL);
    ctl(CHILD_ID, PD_CTL_RESTART, USER_TOP);
    world_unchanged(parent, E_INVAL);
}

// Child ids are per parent: another PD's child with the same id is not ours.
static void
test_ctl_acts_on_own_child_only(void **state)
{
    (void)state;
    struct pd *nephew = world_pd(3, "nephew", 5);

    nephew->parent = other;
    nephew->child_id = CHILD_ID + 1;
    nephew->state = PD_RECV;
    runs(parent);
    world_snap();
    ctl(CHILD_ID + 1, PD_CTL_STOP, 0);
    world_unchanged(parent, E_NOENT);
    ctl(CHILD_ID, PD_CTL_STOP, 0);
    assert_int_equal(child->state, PD_STOPPED);
    assert_int_equal(nephew->state, PD_RECV);
}

static void
test_ctl_stop_then_resume(void **state)
{
    (void)state;
    runs(parent); // the child goes back to the queue
    ctl(CHILD_ID, PD_CTL_STOP, 0);
    assert_int_equal(arch_result(parent, 0), E_OK);
    assert_int_equal(child->state, PD_STOPPED);
    assert_ptr_equal(fake.stopped_pd, child);
    assert_string_equal(world_queue(), "other");
}

static void
test_ctl_resume_runs_from_same_pc(void **state)
{
    (void)state;
    word_t pc = arch_pc(child);

    runs(parent);
    sched_remove(child);
    child->state = PD_STOPPED;
    ctl(CHILD_ID, PD_CTL_RESUME, 0);
    assert_int_equal(arch_result(parent, 0), E_OK);
    assert_int_equal(child->state, PD_RUNNABLE);
    assert_int_equal(arch_pc(child), pc);
    ctl(CHILD_ID, PD_CTL_RESUME, 0); // already going: nothing changes
    assert_int_equal(arch_result(parent, 0), E_OK);
    assert_string_equal(world_queue(), "child other");
}

static void
test_ctl_restart_releases_callers(void **state)
{
    (void)state;
    serve_other();
    runs(parent);
    ctl(CHILD_ID, PD_CTL_RESTART, 0x200abc);
    assert_int_equal(arch_result(parent, 0), E_OK);
    assert_int_equal(arch_pc(child), 0x200abc);
    assert_int_equal(child->state, PD_RUNNABLE);
    assert_null(child->caller);
    assert_int_equal(other->state, PD_RUNNABLE);
    assert_int_equal(arch_result(other, 0), E_DEAD);
}

static void
test_ctl_reset_restores_boot_state(void **state)
{
    (void)state;
    struct image_reset *r = (struct image_reset *)ram[2];

    ram[0][0] = 0xd17; // dirty data
    ram[0][511] = 5;
    ram[1][0] = 0x1234; // pristine
    r[0] = (struct image_reset){RAM_PA, RAM_PA + PAGE_SIZE, PAGE_SIZE / 2};
    r[1] = (struct image_reset){RAM_PA + PAGE_SIZE / 2, 0, PAGE_SIZE / 2};
    child->nreset = 2;
    child->reset_pa = RAM_PA + 2 * PAGE_SIZE;
    child->pending = 0x3;
    arch_result(child, 3) = 99;
    runs(parent);
    sched_remove(child);
    child->state = PD_STOPPED;
    ctl(CHILD_ID, PD_CTL_RESET, 0);
    assert_int_equal(arch_result(parent, 0), E_OK);
    assert_int_equal(ram[0][0], 0x1234);
    assert_int_equal(ram[0][511], 0);
    assert_int_equal(child->pending, 0);
    assert_int_equal(arch_result(child, 3), 0);
    assert_int_equal(arch_pc(child), 0x200000);
    assert_int_equal(arch_sp(child), USER_STACK_TOP);
    assert_int_equal(child->state, PD_RUNNABLE);
    assert_ptr_equal(fake.stopped_pd, child); // its FPU state dropped
}

// A PD resets itself (PD_CTL_SELF) only with a boot state from the tool
// and only by PD_CTL_RESET; then it runs on from its entry point, its
// memory as at boot, and the caller it served gets E_DEAD.
static void
test_self_reset(void **state)
{
    (void)state;
    struct image_reset *r = (struct image_reset *)ram[2];

    serve_other(); // the child runs, serving other's call
    ram[0][0] = 0xd17;
    ram[1][0] = 0x1234;
    r[0] = (struct image_reset){RAM_PA, RAM_PA + PAGE_SIZE, PAGE_SIZE};
    world_syscall(PD_CTL_SELF, PD_CTL_RESET, 0, 0, 0, 0, SYS_PD_CTL);
    assert_int_equal(arch_result(child, 0), E_STATE); // no boot state: nothing changes
    assert_ptr_equal(child->caller, other);
    child->nreset = 1;
    child->reset_pa = RAM_PA + 2 * PAGE_SIZE;
    for (word_t op = PD_CTL_RESTART; op <= PD_CTL_RESET + 1; op++) {
        if (op == PD_CTL_RESET)
            continue;
        world_syscall(PD_CTL_SELF, op, 0x200000, 0, 0, 0, SYS_PD_CTL);
        assert_int_equal(arch_result(child, 0), E_INVAL);
        assert_ptr_equal(child->caller, other);
        assert_int_equal(ram[0][0], 0xd17);
    }
    arch_pc(child) = 0x200444;
    struct pd *next = world_syscall(PD_CTL_SELF, PD_CTL_RESET, 0, 0, 0, 0, SYS_PD_CTL);
    assert_ptr_equal(next, child); // it runs on (it outranks other, and is in no queue)
    assert_int_equal(child->state, PD_RUNNABLE);
    assert_int_equal(arch_pc(child), 0x200000);
    assert_int_equal(arch_result(child, 0), E_OK);
    assert_int_equal(ram[0][0], 0x1234);
    assert_null(child->caller);
    assert_int_equal(other->state, PD_RUNNABLE); // its call failed
    assert_int_equal(arch_result(other, 0), E_DEAD);
    assert_null(child->next);
}

// A child stopped while it waited waits again when resumed; what arrived
// meanwhile is delivered then.
static void
test_resume_of_waiting_child_waits_again(void **state)
{
    (void)state;
    world_end(other, 1, CH_VALID | CH_NOTIFY, child, 2);
    runs(parent);
    sched_remove(child);
    child->state = PD_RECV;
    ctl(CHILD_ID, PD_CTL_STOP, 0);
    ctl(CHILD_ID, PD_CTL_RESUME, 0);
    assert_int_equal(child->state, PD_RECV); // not runnable with a stale result
    ctl(CHILD_ID, PD_CTL_STOP, 0);
    runs(other);
    world_syscall(1, 0, 0, 0, 0, 0, SYS_NOTIFY); // kept pending while stopped
    assert_int_equal(child->pending, 1UL << 2);
    runs(parent);
    ctl(CHILD_ID, PD_CTL_RESUME, 0);
    assert_int_equal(child->state, PD_RUNNABLE);
    assert_int_equal(arch_result(child, 6), 1UL << 2);
    assert_int_equal(child->pending, 0);
}

// A child stopped while its call was queued is resumed with the call failed.
static void
test_resume_of_calling_child_fails_its_call(void **state)
{
    (void)state;
    struct pd *busy = world_pd(3, "busy", 25); // runnable: not waiting, so calls queue

    sched_ready(busy);
    world_end(child, 0, CH_VALID | CH_PPC, busy, 0);
    world_syscall(0, 0, 0, 0, 0, 0, SYS_CALL); // child (current) calls busy
    assert_ptr_equal(busy->callq, child);
    runs(parent);
    ctl(CHILD_ID, PD_CTL_STOP, 0);
    assert_null(busy->callq);
    ctl(CHILD_ID, PD_CTL_RESUME, 0);
    assert_int_equal(child->state, PD_RUNNABLE);
    assert_int_equal(arch_result(child, 0), E_DEAD);
}

// A server stopped mid-call and resumed may still reply: the reply goes nowhere.
static void
test_reply_after_resume_goes_nowhere(void **state)
{
    (void)state;
    serve_other();
    runs(parent);
    ctl(CHILD_ID, PD_CTL_STOP, 0);
    assert_int_equal(arch_result(other, 0), E_DEAD);
    assert_true(child->reply_lost);
    ctl(CHILD_ID, PD_CTL_RESUME, 0); // resumed in protected(): it will reply
    runs(child);
    world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_REPLY_RECV);
    assert_int_equal(arch_result(child, 0), E_OK);
    assert_false(child->reply_lost);
}

// A reset completes the interrupts the child owns: it forgot their pending bits.
static void
test_reset_releases_interrupts(void **state)
{
    (void)state;
    static struct image_hdr hdr;

    memset(&hdr, 0, sizeof(hdr));
    hdr.irq[10] = (struct image_irq){1, 1, 5, 0};
    child->ch[5].flags = CH_VALID | CH_IRQ;
    child->ch[5].peer_id = 10;
    irq_boot(&hdr);
    irq_raise(10); // pending: the child is busy
    assert_int_equal(child->pending, 1UL << 5);
    runs(parent);
    ctl(CHILD_ID, PD_CTL_RESET, 0);
    assert_int_equal(child->pending, 0);
    assert_int_equal(fake.irq_acks, 1);
    assert_int_equal(fake.irq_acked, 10);
}

// Stopping a stopped child changes nothing: a waiting child stopped twice
// and resumed waits again, rather than returning the stale result of an
// earlier wait (notified() would run again).
static void
test_stop_twice_then_resume_waits_again(void **state)
{
    (void)state;
    runs(parent);
    sched_remove(child);
    child->state = PD_RECV;
    arch_result(child, 6) = 1UL << 3; // the result of its last wait, delivered long ago
    ctl(CHILD_ID, PD_CTL_STOP, 0);
    ctl(CHILD_ID, PD_CTL_STOP, 0);
    assert_int_equal(arch_result(parent, 0), E_OK);
    assert_int_equal(child->resume_wait, PD_RECV);
    ctl(CHILD_ID, PD_CTL_RESUME, 0);
    assert_int_equal(child->state, PD_RECV);
    assert_string_equal(world_queue(), "other");
}

// A restart, like a reset, completes the interrupts the child owns.
static void
test_restart_releases_interrupts(void **state)
{
    (void)state;
    static struct image_hdr hdr;

    memset(&hdr, 0, sizeof(hdr));
    hdr.irq[10] = (struct image_irq){1, 1, 5, 0};
    child->ch[5].flags = CH_VALID | CH_IRQ;
    child->ch[5].peer_id = 10;
    irq_boot(&hdr);
    irq_raise(10); // delivered, never acknowledged
    runs(parent);
    ctl(CHILD_ID, PD_CTL_RESTART, 0x200000);
    assert_int_equal(fake.irq_acks, 1);
    assert_int_equal(fake.irq_acked, 10);
}

// A restarted server does not inherit reply_lost from the incarnation that
// was serving a call: its first reply is refused as any unasked reply is.
static void
test_restart_forgets_lost_reply(void **state)
{
    (void)state;
    serve_other();
    runs(parent);
    ctl(CHILD_ID, PD_CTL_STOP, 0);
    assert_true(child->reply_lost);
    ctl(CHILD_ID, PD_CTL_RESTART, 0x200000);
    assert_false(child->reply_lost);
    assert_int_equal(child->resume_wait, 0);
    runs(child);
    world_syscall(ACTION_NONE, 0, 0, 0, 0, 0, SYS_REPLY_RECV);
    assert_int_equal(arch_result(child, 0), E_STATE);
}

// Every sequence of two and three of the four operations, on a child that
// is waiting, running, calling or serving, leaves it in the state a simple
// model names: stopped, or waiting, running on, running with its call
// failed, still calling, still serving, serving a call whose caller went
// away, or running afresh from its entry point. pd_check runs after every
// operation (in the kernel) and here after every sequence.
enum start { S_WAITING, S_RUNNING, S_CALLING, S_SERVING, S_COUNT };
enum doing { D_WAIT, D_RUN, D_CALL, D_CALL_FAILED, D_SERVE, D_SERVE_LOST, D_FRESH };

static struct pd *busy; // the PD the calling child waits for

static void
start_in(enum start s)
{
    switch (s) {
    case S_WAITING:
        runs(parent);
        sched_remove(child);
        child->state = PD_RECV;
        break;
    case S_RUNNING:
        runs(parent);
        break;
    case S_CALLING:
        busy = world_pd(3, "busy", 25); // runnable, not waiting: the call queues
        sched_ready(busy);
        world_end(child, 0, CH_VALID | CH_PPC, busy, 0);
        world_syscall(0, 0, 0, 0, 0, 0, SYS_CALL);
        assert_int_equal(child->state, PD_CALL);
        runs(parent);
        break;
    case S_SERVING:
        serve_other();
        runs(parent);
        break;
    default:
        fail();
    }
}

static void
check_model(enum start s, const unsigned *ops, unsigned n)
{
    enum doing d = s == S_WAITING ? D_WAIT : s == S_RUNNING ? D_RUN
                 : s == S_CALLING ? D_CALL : D_SERVE;
    bool stopped = false;
    char what[64];

    snprintf(what, sizeof what, "start %d ops", s);
    for (unsigned i = 0; i < n; i++) {
        size_t l = strlen(what);
        snprintf(what + l, sizeof what - l, " %u", ops[i]);
        ctl(CHILD_ID, ops[i], 0x200000);
        if (arch_result(parent, 0) != E_OK)
            fail_msg("%s: error %ld", what, (long)arch_result(parent, 0));
        switch (ops[i]) {
        case PD_CTL_STOP:
            if (!stopped)
                d = d == D_CALL ? D_CALL_FAILED : d == D_SERVE ? D_SERVE_LOST : d;
            stopped = true;
            break;
        case PD_CTL_RESUME:
            stopped = false;
            break;
        default: // restart, reset
            stopped = false;
            d = D_FRESH;
            break;
        }
    }
    pd_check(child);
    int want = stopped ? PD_STOPPED
             : d == D_WAIT ? PD_RECV
             : d == D_CALL ? PD_CALL : PD_RUNNABLE;
    if (child->state != want)
        fail_msg("%s: state %d, want %d", what, child->state, want);
    if (!stopped && d == D_CALL_FAILED && arch_result(child, 0) != (word_t)E_DEAD)
        fail_msg("%s: the failed call does not return E_DEAD", what);
    if (d == D_FRESH && !stopped && arch_pc(child) != 0x200000)
        fail_msg("%s: not at its entry point", what);
    if ((d == D_SERVE) != (child->caller == other))
        fail_msg("%s: caller %p", what, (void *)child->caller);
    if ((d == D_SERVE_LOST) != child->reply_lost)
        fail_msg("%s: reply_lost %d", what, child->reply_lost);
    if (s == S_SERVING && d != D_SERVE && (other->state != PD_RUNNABLE ||
                                          arch_result(other, 0) != (word_t)E_DEAD))
        fail_msg("%s: the caller was not released with E_DEAD", what);
    if (s == S_CALLING && d != D_CALL && busy->callq)
        fail_msg("%s: still queued on the callee", what);
}

static void
test_ctl_sequences(void **state)
{
    static const unsigned op[] = {PD_CTL_RESTART, PD_CTL_STOP, PD_CTL_RESUME, PD_CTL_RESET};

    for (unsigned s = 0; s < S_COUNT; s++) {
        for (unsigned n = 2; n <= 3; n++) {
            for (unsigned k = 0; k < (n == 2 ? 16u : 64u); k++) {
                unsigned ops[3] = {op[k % 4], op[k / 4 % 4], op[k / 16 % 4]};

                setup(state);
                start_in((enum start)s);
                check_model((enum start)s, ops, n);
            }
        }
    }
}

// SYS_CAP: seL4_TCB_Suspend / seL4_TCB_Resume through a cptr.
static struct pd *
cap(word_t cptr, word_t op)
{
    return world_syscall(cptr, op, 0, 0, 0, 0, SYS_CAP);
}

#define SLOT(s) ((word_t)(s) << CAP_ROOT_SHIFT)

// Every cptr that names no thread, and every bad operation, is refused with
// nothing changed.
static void
test_cap_errors_change_nothing(void **state)
{
    (void)state;
    parent->cap[1] = IMAGE_CAP_TCB | other->index;
    parent->cap[2] = IMAGE_CAP_SC | other->index;
    parent->cap[3] = IMAGE_CAP_VSPACE | other->index;
    runs(parent);
    world_snap();
    cap(SLOT(1), CAP_TCB_RESUME + 1);
    world_unchanged(parent, E_INVAL);
    cap(SLOT(4), CAP_TCB_SUSPEND); // an empty slot
    world_unchanged(parent, E_NOENT);
    cap(0, CAP_TCB_SUSPEND);
    world_unchanged(parent, E_NOENT);
    cap(SLOT(1) | 1, CAP_TCB_SUSPEND); // not a root-slot cptr
    world_unchanged(parent, E_NOENT);
    cap(1, CAP_TCB_SUSPEND); // Microkit's own slots name nothing on moat
    world_unchanged(parent, E_NOENT);
    cap(SLOT(2), CAP_TCB_SUSPEND); // a scheduling context is no thread
    world_unchanged(parent, E_PERM);
    cap(SLOT(3), CAP_TCB_RESUME);
    world_unchanged(parent, E_PERM);
    cap(CAP_MK_TCB + CHILD_ID + 1, CAP_TCB_SUSPEND); // no such child
    world_unchanged(parent, E_NOENT);
    cap(CAP_MK_TCB + MOAT_MAX_CHANNELS, CAP_TCB_SUSPEND);
    world_unchanged(parent, E_NOENT);
    runs(child); // the child holds no capability: the parent's slots are not its
    sched_remove(parent);
    parent->state = PD_RECV;
    world_snap();
    cap(SLOT(1), CAP_TCB_SUSPEND);
    world_unchanged(child, E_NOENT);
}

// A <cap_tcb> stops and starts a PD that is not a child; a parent's
// BASE_TCB_CAP slots its children.
static void
test_cap_suspend_resume(void **state)
{
    (void)state;
    parent->cap[1] = IMAGE_CAP_TCB | other->index;
    runs(parent);
    cap(SLOT(1), CAP_TCB_SUSPEND);
    assert_int_equal(arch_result(parent, 0), E_OK);
    assert_int_equal(other->state, PD_STOPPED);
    cap(SLOT(1), CAP_TCB_SUSPEND); // idempotent
    assert_int_equal(other->state, PD_STOPPED);
    cap(CAP_MK_TCB + CHILD_ID, CAP_TCB_SUSPEND);
    assert_int_equal(child->state, PD_STOPPED);
    cap(SLOT(1), CAP_TCB_RESUME);
    assert_int_equal(other->state, PD_RUNNABLE);
    cap(SLOT(1), CAP_TCB_RESUME); // running already: nothing to do
    assert_int_equal(arch_result(parent, 0), E_OK);
    assert_string_equal(world_queue(), "other");
}

// A server that suspends itself inside a call fails the call (its caller
// goes on with E_DEAD), stops at once, and finds E_OK when resumed.
static void
test_cap_self_suspend_while_serving(void **state)
{
    (void)state;
    child->cap[5] = IMAGE_CAP_TCB | child->index;
    serve_other();
    struct pd *next = cap(SLOT(5), CAP_TCB_SUSPEND);
    assert_int_equal(child->state, PD_STOPPED);
    assert_ptr_not_equal(next, child);
    assert_int_equal(other->state, PD_RUNNABLE);
    assert_int_equal(arch_result(other, 0), E_DEAD);
    assert_true(child->reply_lost);
    pd_check(child);
    runs(parent);
    ctl(CHILD_ID, PD_CTL_RESUME, 0);
    assert_int_equal(child->state, PD_RUNNABLE);
    assert_int_equal(arch_result(child, 0), E_OK);
}

// SYS_WAIT (seL4_Wait / seL4_Poll on INPUT_CAP) of the running child.
static struct pd *
wait_ntfn(word_t poll)
{
    return world_syscall(CAP_MK_INPUT, poll, 0, 0, 0, 0, SYS_WAIT);
}

// A notification-only wait: a call that comes meanwhile queues, a
// notification ends the wait with the channel bits in a6.
static void
test_wait_takes_notifications_only(void **state)
{
    (void)state;
    world_end(other, 0, CH_VALID | CH_PPC, child, 0);
    world_end(parent, 1, CH_VALID | CH_NOTIFY, child, 2);
    wait_ntfn(0);
    assert_int_equal(child->state, PD_WAIT);
    runs(other);
    world_syscall(0, 0, 0, 0, 0, 0, SYS_CALL);
    assert_ptr_equal(child->callq, other);
    assert_int_equal(child->state, PD_WAIT);
    pd_check(child);
    runs(parent);
    world_syscall(1, 0, 0, 0, 0, 0, SYS_NOTIFY);
    assert_int_equal(child->state, PD_RUNNABLE);
    assert_int_equal(arch_result(child, 0), E_OK);
    assert_int_equal(arch_result(child, 6), 1UL << 2);
    assert_ptr_equal(child->callq, other); // for the event loop's next wait
}

// Poll takes what is pending, or nothing, and never blocks; a bad cptr or
// poll flag changes nothing.
static void
test_wait_poll_and_errors(void **state)
{
    (void)state;
    world_snap();
    world_syscall(CAP_MK_INPUT + 1, 0, 0, 0, 0, 0, SYS_WAIT);
    world_unchanged(child, E_NOENT);
    wait_ntfn(2);
    world_unchanged(child, E_INVAL);
    child->pending = 0x5;
    wait_ntfn(1);
    assert_int_equal(arch_result(child, 6), 0x5);
    assert_int_equal(child->pending, 0);
    wait_ntfn(1);
    assert_int_equal(arch_result(child, 0), E_OK);
    assert_int_equal(arch_result(child, 6), 0);
    assert_int_equal(child->state, PD_RUNNABLE);
}

// A child stopped in a notification-only wait waits so again when resumed,
// taking what came while it was stopped.
static void
test_stop_in_wait_resumes_wait(void **state)
{
    (void)state;
    wait_ntfn(0);
    runs(parent);
    ctl(CHILD_ID, PD_CTL_STOP, 0);
    assert_int_equal(child->resume_wait, PD_WAIT);
    ctl(CHILD_ID, PD_CTL_RESUME, 0);
    assert_int_equal(child->state, PD_WAIT);
    ctl(CHILD_ID, PD_CTL_STOP, 0);
    ntfn_signal(child, 0x8);
    assert_int_equal(child->pending, 0x8);
    ctl(CHILD_ID, PD_CTL_RESUME, 0);
    assert_int_equal(child->state, PD_RUNNABLE);
    assert_int_equal(arch_result(child, 6), 0x8);
    assert_int_equal(child->pending, 0);
}

int
main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
#define T(f) {WORLD_NAME(f), f, setup, NULL, NULL}
        T(test_fault_reaches_waiting_parent),
        T(test_fault_waits_for_busy_parent),
        T(test_reply_resumes_child_where_it_faulted),
        T(test_wait_declines_fault),
        T(test_fault_without_able_parent_stops),
        T(test_faulted_child_rejects_calls),
        T(test_ctl_errors_change_nothing),
        T(test_ctl_acts_on_own_child_only),
        T(test_ctl_stop_then_resume),
        T(test_ctl_resume_runs_from_same_pc),
        T(test_ctl_restart_releases_callers),
        T(test_ctl_reset_restores_boot_state),
        T(test_self_reset),
        T(test_resume_of_waiting_child_waits_again),
        T(test_resume_of_calling_child_fails_its_call),
        T(test_reply_after_resume_goes_nowhere),
        T(test_reset_releases_interrupts),
        T(test_stop_twice_then_resume_waits_again),
        T(test_restart_releases_interrupts),
        T(test_restart_forgets_lost_reply),
        T(test_ctl_sequences),
        T(test_cap_errors_change_nothing),
        T(test_cap_suspend_resume),
        T(test_cap_self_suspend_while_serving),
        T(test_wait_takes_notifications_only),
        T(test_wait_poll_and_errors),
        T(test_stop_in_wait_resumes_wait),
#undef T
    };

    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("child", tests, NULL, NULL);
}
