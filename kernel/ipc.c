// SPDX-License-Identifier: BSD-2-Clause
//
// Notifications and protected procedure calls.
//
// A notification sets bits in the receiver's word; the receiver sees the
// whole word when it next waits, so repeated signals coalesce and none is
// lost. A call hands the caller's message registers to a waiting callee and
// switches to it directly: the callee has strictly higher priority than the
// caller, and the caller was the highest runnable PD, so no other choice is
// possible and the run queue is not touched. A reply gives the registers back
// and puts the caller at the front of its priority (it continues its turn).
//
// Results reach user space through the saved registers: a0 error, a1 tag,
// a2..a5 mr0..3, a6 badge. Message registers 4.. are copied between the two
// PDs' IPC buffers.
#include "ipc.h"

#include "alarm.h"
#include "arch.h"
#include "console.h"
#include "cpu.h"
#include "lock.h"
#include "pd.h"
#include "sched.h"
#include "svc.h"
#include "trace.h"

static void
set_message(struct pd *to, struct pd *from, word_t tag, const word_t mr[4])
{
    ipc_set_regs(to, E_OK, tag, mr[0], mr[1], mr[2], mr[3]);
    ipc_copy_mrs(to, from, TAG_LENGTH(tag));
}

// Hand `from`'s call to `to`, which is ready to receive it.
static void
deliver_call(struct pd *to, struct pd *from, word_t id, word_t tag, const word_t mr[4])
{
    set_message(to, from, tag, mr);
    arch_result(to, 6) = BADGE_PPC | id;
    to->caller = from;
    if (to->domain != from->domain)
        to->events |= PD_EV_XDOM; // its reply must park the caller: general path
}

// Hand the fault of child `from` to its parent `to`, which is ready for it.
// The child's registers stay as they were at the fault.
static void
deliver_fault(struct pd *to, struct pd *from)
{
    ipc_set_regs(to, E_OK, from->fault[0] << 12 | 4, from->fault[1], from->fault[2],
                 from->fault[3], from->fault[4]);
    arch_result(to, 6) = BADGE_FAULT | from->child_id;
    to->caller = from;
}

// Hand `pd` the first call or fault queued for it, if any.
static bool
take_queued(struct pd *pd)
{
    struct pd *from = pd->callq;

    if (!from)
        return false;
    pd->callq = from->next;
    from->next = NULL;
    if (from->state == PD_FAULTED) {
        deliver_fault(pd, from);
    } else {
        word_t mr[4] = {arch_result(from, 2), arch_result(from, 3), arch_result(from, 4),
                        arch_result(from, 5)};
        deliver_call(pd, from, arch_result(from, 0), arch_result(from, 1), mr);
    }
    return true;
}

// Append `pd` to `to`'s queue of PDs waiting for it to receive.
static void
enqueue_caller(struct pd *to, struct pd *pd)
{
    struct pd **q = &to->callq;

    pd->next = NULL;
    while (*q)
        q = &(*q)->next;
    *q = pd;
}

#if MOAT_NCPUS > 1
// The halt rule of an SMP kernel: cores idle with nothing of their own to
// wake them (cpu.quiet set) are counted here; when all are, none runs, so
// none will ever send. The test of `remote` and the count are one step
// under the core's idle lock, as the sender's uncounting is
// (tests/model/wakeup.pml, checked by spin).
static int cpus_quiet;

int
ipc_idle_quiet(void)
{
    struct cpu *c = this_cpu();

    spin_lock(&c->idle_lock);
    // Core 0 is woken by console input for readers of every core: one may
    // have asked since the core looked (console_read uncounts it after).
    bool readers = c->index == 0 && __atomic_load_n(&console_readers, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&c->remote, __ATOMIC_SEQ_CST) || readers) {
        spin_unlock(&c->idle_lock);
        ipc_remote_take();
        return -1;
    }
    c->quiet = 1;
    int n = __atomic_add_fetch(&cpus_quiet, 1, __ATOMIC_SEQ_CST);
    spin_unlock(&c->idle_lock);
    return n == (int)ncpus;
}

// The core is quiet no more: it woke, or (c != this_cpu()) another core
// sends to it.
static inline __attribute__((always_inline)) void
unquiet(struct cpu *c)
{
    spin_lock(&c->idle_lock);
    if (c->quiet) {
        c->quiet = 0;
        __atomic_sub_fetch(&cpus_quiet, 1, __ATOMIC_SEQ_CST);
    }
    spin_unlock(&c->idle_lock);
}

void
ipc_idle_awake(void)
{
    unquiet(this_cpu());
}

void
ipc_unquiet(unsigned cpu)
{
    unquiet(&cpus[cpu]);
}

bool kernel_locking;
int kernel_lock_word;

void
ipc_remote_post(struct pd *to)
{
    struct cpu *c = cpu_of(to);

    __atomic_or_fetch(&c->remote, 1UL << to->index, __ATOMIC_SEQ_CST);
    unquiet(c); // it may be idle and counted as quiet: it is not any more
    arch_cpu_kick(c->index);
}

// A PD of another core: only its core may change it. The bits go into its
// remote_pending, atomically; then its core is told (ipc_remote_post).
// Coalescing holds: bits or together.
static void
remote_signal(struct pd *to, word_t bits)
{
    __atomic_or_fetch(&to->remote_pending, bits, __ATOMIC_SEQ_CST);
    ipc_remote_post(to);
}

// What other cores asked of `pd`, one of this core's, under the kernel
// lock (they asked under it too): first the control requests of PDs
// waiting for them, in the order of pds[]; then its wake-up, if it is
// still runnable and in no queue. Notifications come after (the caller).
static void
remote_requests(struct pd *pd)
{
    for (unsigned j = 0; j < npds; j++) {
        struct pd *by = &pds[j];
        if (by->state != PD_CTLWAIT || by->ctl_target != pd)
            continue;
        pd_control(by, pd, by->ctl_op, by->ctl_entry);
        by->ctl_target = NULL;
        arch_result(by, 0) = E_OK;
        by->state = PD_RUNNABLE;
        sched_ready(by); // its own core queues it
    }
    uint8_t w = pd->xwake;
    if (!w)
        return;
    pd->xwake = 0;
    ASSERT(pd->state == PD_RUNNABLE && pd != current && !pd->throttled && !pd->parked);
    if (w == XWAKE_FRONT)
        sched_ready_front(pd);
    else
        sched_ready(pd);
}

void
ipc_remote_input(struct pd *to)
{
    remote_signal(to, REMOTE_INPUT);
}

void
ipc_remote_take(void)
{
    uint64_t set = __atomic_exchange_n(&this_cpu()->remote, 0, __ATOMIC_SEQ_CST);

    for (unsigned i = 0; set >> i; i++) {
        if (!(set >> i & 1))
            continue;
        if (this_cpu()->locking)
            remote_requests(&pds[i]);
        word_t bits = __atomic_exchange_n(&pds[i].remote_pending, 0, __ATOMIC_SEQ_CST);
        if (bits & REMOTE_INPUT) {
            bits &= ~REMOTE_INPUT;
            console_input_event(&pds[i]);
        }
        if (bits)
            ntfn_signal(&pds[i], bits);
    }
}
#endif

void
ntfn_signal(struct pd *to, word_t bits)
{
#if MOAT_NCPUS > 1
    if (cpu_of(to) != this_cpu()) {
        remote_signal(to, bits);
        return;
    }
#endif
    if (to->state != PD_RECV && to->state != PD_WAIT) {
        to->pending |= bits;
        return;
    }
    arch_result(to, 0) = E_OK;
    arch_result(to, 1) = 0;
    arch_result(to, 6) = bits;
    to->state = PD_RUNNABLE;
    sched_ready(to);
}

void
ppc_call(struct pd *from, struct pd *to, word_t id, word_t tag, const word_t mr[4])
{
    ASSERT(from == current && to->state != PD_STOPPED && to->state != PD_FAULTED);
    ASSERT(from->callee == NULL && to->prio > from->prio); // no call is in flight
    ASSERT(to->caller != from);
    trace_record(TRACE_CALL, from, to, tag);
    from->state = PD_CALL;
    from->callee = to;
    if (to->state == PD_RECV) {
        deliver_call(to, from, id, tag, mr);
        to->state = PD_RUNNABLE;
#if MOAT_NCPUS > 1
        if (cpu_of(to) != this_cpu()) {
            sched_ready(to); // it runs on its own core (design.md, "Multicore")
            return;
        }
#endif
        current = to; // strictly higher than anything runnable: no queue work
        return;
    }
    // The callee is busy (still in init, or in a call of its own): queue the
    // message in the caller's saved registers until the callee waits.
    ipc_set_regs(from, id, tag, mr[0], mr[1], mr[2], mr[3]);
    enqueue_caller(to, from);
}

void
ppc_fault(struct pd *child, struct pd *parent)
{
    child->state = PD_FAULTED;
    child->callee = parent;
    if (parent->state == PD_RECV) {
        deliver_fault(parent, child);
        parent->state = PD_RUNNABLE;
        sched_ready(parent);
        return;
    }
    enqueue_caller(parent, child);
}

void
ppc_reply(struct pd *pd, word_t tag, const word_t mr[4])
{
    struct pd *caller = pd->caller;

    if (!caller) {
        ASSERT(pd->reply_lost); // the caller was cancelled: the reply goes nowhere
        pd->reply_lost = false;
        return;
    }
    bool fault = caller->state == PD_FAULTED;

    ASSERT(fault || caller->state == PD_CALL);
    ASSERT(caller->callee == pd && !pd->reply_lost); // the links go both ways
    trace_record(TRACE_REPLY, pd, caller, tag);
    pd->caller = NULL;
    pd->events &= (uint8_t)~PD_EV_XDOM;
    caller->callee = NULL;
    caller->state = PD_RUNNABLE;
    if (fault) {
        sched_ready(caller); // a fault handled: the child resumes where it faulted
        return;
    }
    set_message(caller, pd, tag, mr);
    sched_ready_front(caller);
}

void
ipc_drop_fault(struct pd *pd)
{
    ASSERT(pd->caller && pd->caller->state == PD_FAULTED);
    pd->caller->callee = NULL;
    pd->caller = NULL; // the child stays faulted until its parent restarts or resumes it
}

// Hand `pd` what a wait would take at once: its pending notifications, the
// first queued call or fault, or a kernel event. False if there is none.
static bool
take_any(struct pd *pd)
{
    if (pd->pending) {
        arch_result(pd, 0) = E_OK;
        arch_result(pd, 1) = 0;
        arch_result(pd, 6) = pd->pending;
        pd->pending = 0;
        return true;
    }
    if (take_queued(pd))
        return true;
    return pd->events && (alarm_take(pd) || svc_take(pd) || console_take(pd));
}

void
ipc_wait(struct pd *pd)
{
    ASSERT(pd == current && pd->caller == NULL);
    if (take_any(pd))
        return;
    console_wait(pd); // a held console line cannot wait
    pd->state = PD_RECV;
}

void
ipc_poll(struct pd *pd)
{
    ASSERT(pd == current && pd->caller == NULL);
    if (take_any(pd))
        return;
    arch_result(pd, 0) = E_OK;
    arch_result(pd, 1) = 0;
    arch_result(pd, 6) = 0; // nothing: no event has badge 0
}

// Release a PD that was waiting on a PD that can no longer answer: a caller
// gets E_DEAD; a child whose fault waited for it stays stopped.
static void
fail_call(struct pd *from)
{
    from->callee = NULL;
    if (from->state == PD_FAULTED) {
        from->state = PD_STOPPED;
        arch_pd_stopped(from);
        return;
    }
    arch_result(from, 0) = E_DEAD;
    from->state = PD_RUNNABLE;
    sched_ready(from);
}

void
ntfn_wait(struct pd *pd, bool poll)
{
    ASSERT(pd == current);
    arch_result(pd, 0) = E_OK;
    arch_result(pd, 1) = 0;
    arch_result(pd, 6) = pd->pending;
    if (pd->pending || poll) {
        pd->pending = 0;
        return;
    }
    console_wait(pd);
    pd->state = PD_WAIT;
}

void
ipc_rewait(struct pd *pd, uint8_t wait)
{
    if (pd->pending) {
        word_t bits = pd->pending;

        pd->pending = 0;
        pd->state = wait;
        ntfn_signal(pd, bits);
        return;
    }
    if (wait == PD_RECV && (take_queued(pd) || alarm_take(pd) || svc_take(pd) || console_take(pd))) {
        pd->state = PD_RUNNABLE;
        sched_ready(pd);
        return;
    }
    pd->state = wait;
}

void
ppc_abort(struct pd *pd)
{
    bool serving = pd->caller != NULL;

    if (serving) {
        fail_call(pd->caller);
        pd->caller = NULL;
        pd->events &= (uint8_t)~PD_EV_XDOM;
    }
    while (pd->callq) {
        struct pd *from = pd->callq;

        pd->callq = from->next;
        fail_call(from);
    }
    if (serving)
        pd->reply_lost = true; // if it ever answers (resumed), the reply goes nowhere
}

void
ppc_withdraw(struct pd *pd)
{
    struct pd *to = pd->callee;

    ASSERT(pd->state == PD_CALL || pd->state == PD_FAULTED);
    if (pd->state == PD_CALL)
        arch_result(pd, 0) = E_DEAD; // if it ever resumes, its call failed
    pd->callee = NULL;
    if (!to)
        return; // a fault its parent declined to handle: nobody holds it
    if (to->caller == pd) {
        to->caller = NULL;
        to->events &= (uint8_t)~PD_EV_XDOM;
        to->reply_lost = true; // its reply, when it comes, goes nowhere
        if (to->throttled) {
            // A passive server out of its caller's budget now runs on its own.
            sched_unthrottle(to);
            sched_ready(to);
        }
        return;
    }
    for (struct pd **q = &to->callq; *q; q = &(*q)->next) {
        if (*q == pd) {
            *q = pd->next;
            pd->next = NULL;
            return;
        }
    }
}
