// SPDX-License-Identifier: BSD-2-Clause
//
// The fast path of a Tock-style service exchange (svc.c), in the manner of
// fastpath.c: trap.S sends SYS_IPC and SYS_RECV here. A client notifies its
// waiting service, which runs at once; the service notifies the client back
// (the client is not waiting: only its event bit is set) and waits, and the
// client runs again; the client's wait takes the event at once. Each
// function tests its preconditions first, as unlikely() branches taken before
// anything is written, and hands everything else to the general path
// (syscall.c, svc.c, ipc.c, sched.c), which stays the reference: the unit
// tests compare the two over random sequences (tests/unit/test_fastpath.c).
//
// fastpath_ipc (IPC_NOTIFY_SERVICE, IPC_NOTIFY_CLIENT) preconditions:
//   - the id names a PD the description lets the caller notify that way (a
//     service it uses, or a client of its service) in its present
//     incarnation: otherwise the general path refuses it. (An id of 2^31 or
//     more has a generation no PD has.) The rights exclude the PD itself;
//   - SMP: neither end is xcore and both run on this core;
//   - the receiver is not waiting (PD_RUNNABLE, PD_CALL, PD_WAIT or
//     PD_CTLWAIT): only its event bit changes; or it waits (PD_RECV) with
//     no event pending (so it takes exactly this one), in the caller's
//     domain, at another priority than the caller's: if lower, it is queued
//     and the caller goes on; if higher (the tick off, and both on full
//     contexts), it runs at once and the caller keeps its turn at the front
//     of its queue, as fastpath_notify; and taking the event copies nothing
//     (no share="copy" buffer, no revocation): see event_ok.
//
// fastpath_recv preconditions (SYS_RECV):
//   - no deferred action, no call or fault being served, no notification
//     pending, no caller queued; SMP: the PD is not xcore;
//   - either one IPC event is pending (events is PD_EV_IPC alone, from one
//     peer), which copies nothing: the PD takes it and goes on;
//   - or nothing is pending, so the wait blocks: the PD first in the run
//     queue runs next, on a full context (not passive), from a full one, and
//     the tick stays as it is (armed exactly when an equal of that PD stays
//     queued, and then for that PD's slice): no time is charged and no timer
//     moves. An empty run queue (idle) is the general path's.
#define MOAT_ASSERT_TRAP // kernel.h: no frame for panic_at on the fast paths
#include "fastpath.h"

#ifndef MOAT_NO_FASTPATH

#include "arch.h"
#include "arch_fast.h"
#include "ipc.h"
#include "pd.h"
#include "sched.h"
#include "svc.h"
#include "syscall.h"
#include "trace.h"

// The general path, for a call whose preconditions do not hold.
static __attribute__((noinline, cold)) struct regs *
slow(word_t a0, word_t a1, word_t a2, word_t a3, word_t a4, word_t a5, word_t nr)
{
    FASTPATH_COUNT(general, nr == SYS_IPC ? FP_IPC : FP_RECV);
    arch_fast_save(current); // fastpath.c's slow()
    return arch_resume(syscall(a0, a1, a2, a3, a4, a5, nr));
}

// What `pd` is handed for an IPC event from `peer` (from a client of pd's
// service if `service`, else from pd's service), as svc_take: the shared
// buffer's length and address in pd's window. False if taking it copies a
// buffer or revokes one, which the general path does.
static inline bool
event_ok(const struct pd *pd, const struct pd *peer, bool service, word_t *len, word_t *addr)
{
    *len = *addr = 0;
    if (!service) {
        const struct share *s = &pd->share[peer->index];
        return !(s->mapped && svc_copies(peer, pd));
    }
    const struct share *s = &peer->share[pd->index];
    if (s->mapped && !svc_copies(pd, peer)) {
        *len = s->len;
        *addr = svc_window_va(peer) + (s->va & (PAGE_SIZE - 1));
        return true;
    }
    return s->len == 0;
}

// svc_take's delivery of that event, the only one pending: its bit is
// already clear (or was never set).
static inline void
event_give(struct pd *pd, const struct pd *peer, bool service, word_t len, word_t addr)
{
    pd->ev_last = peer->index;
    pd->ev_client_turn = service; // the other kind goes next
    ipc_set_regs(pd, E_OK, 0, svc_id(peer), len, addr, 0);
    arch_result(pd, 6) = BADGE_EVENT | (service ? EVENT_IPC_SERVICE : EVENT_IPC_CLIENT);
}

// Receiver states in which a notification only sets its event bit.
#define NOT_WAITING (1U << PD_RUNNABLE | 1U << PD_CALL | 1U << PD_WAIT | 1U << PD_CTLWAIT)

// fastpath_ipc for one of the two operations (`service`: IPC_NOTIFY_SERVICE),
// compiled once for each.
static inline __attribute__((always_inline)) struct regs *
notify(bool service, word_t id, word_t a2, word_t a3, word_t a4, word_t a5)
{
    struct pd *cur = current;
    word_t op = service ? IPC_NOTIFY_SERVICE : IPC_NOTIFY_CLIENT, i = IPC_ID_INDEX(id);

    if (unlikely(i >= MOAT_MAX_PDS || !((service ? cur->uses : cur->clients) >> i & 1)))
        return slow(op, id, a2, a3, a4, a5, SYS_IPC);
    struct pd *to = &pds[i];
    if (unlikely(IPC_ID_GEN(id) != (to->gen & IPC_GEN_MASK) ||
                 (MOAT_NCPUS > 1 && (cur->xcore | to->xcore | (to->cpu != cur->cpu)))))
        return slow(op, id, a2, a3, a4, a5, SYS_IPC);

    if (to->state != PD_RECV) {
        if (unlikely(!(NOT_WAITING >> to->state & 1))) // stopped or faulted: E_DEAD
            return slow(op, id, a2, a3, a4, a5, SYS_IPC);
        if (service)
            to->ev_service |= 1UL << cur->index;
        else
            to->ev_client |= 1UL << cur->index;
        to->events |= PD_EV_IPC;
        arch_result(cur, 0) = E_OK;
        FASTPATH_COUNT(taken, FP_IPC);
        return arch_fast_resume(cur);
    }
    word_t len, addr;
    if (unlikely((to->events | to->ev_service | to->ev_client) || to->domain != cur->domain ||
                 to->prio == cur->prio ||
                 (to->prio > cur->prio &&
                  (sched_tick_armed || !(to->sckind & sc_running_full))) ||
                 !event_ok(to, cur, service, &len, &addr)))
        return slow(op, id, a2, a3, a4, a5, SYS_IPC);

    arch_result(cur, 0) = E_OK;
    event_give(to, cur, service, len, addr);
    to->state = PD_RUNNABLE;
    FASTPATH_COUNT(taken, FP_IPC);
    if (to->prio < cur->prio) {
        sched_enqueue(to);
        return arch_fast_resume(cur);
    }
    trace_switch(to);
    current = to;
    sched_enqueue_front(cur);
    return arch_fast_switch(cur, to);
}

struct regs *
fastpath_ipc(word_t op, word_t id, word_t a2, word_t a3, word_t a4, word_t a5)
{
    if (op == IPC_NOTIFY_SERVICE)
        return notify(true, id, a2, a3, a4, a5);
    if (op == IPC_NOTIFY_CLIENT)
        return notify(false, id, a2, a3, a4, a5);
    return slow(op, id, a2, a3, a4, a5, SYS_IPC);
}

struct regs *
fastpath_recv(word_t action)
{
    struct pd *cur = current;

    if (unlikely(action != ACTION_NONE || cur->caller || cur->pending || cur->callq ||
                 (MOAT_NCPUS > 1 && cur->xcore)))
        return slow(action, 0, 0, 0, 0, 0, SYS_RECV);

    if (cur->events) {
        uint64_t from_clients = cur->ev_service, bits = from_clients | cur->ev_client;
        if (unlikely(cur->events != PD_EV_IPC || (bits & (bits - 1))))
            return slow(action, 0, 0, 0, 0, 0, SYS_RECV); // not one IPC event alone
        bool service = from_clients != 0;
        const struct pd *peer = &pds[svc_lowest_bit(bits)];
        word_t len, addr;
        if (unlikely(!event_ok(cur, peer, service, &len, &addr)))
            return slow(action, 0, 0, 0, 0, 0, SYS_RECV);
        cur->ev_service = cur->ev_client = 0;
        cur->events = 0;
        cur->reply_lost = false;
        event_give(cur, peer, service, len, addr);
        FASTPATH_COUNT(taken, FP_RECV);
        return arch_fast_resume(cur);
    }

    // The wait blocks: the first PD of the highest queued priority runs.
    if (unlikely(!sched_map))
        return slow(action, 0, 0, 0, 0, 0, SYS_RECV); // nobody: idle
    word_t p = (word_t)sched_msb(sched_map);
    struct pd *next = sched_q[p].head;
    bool equal = next->next != NULL; // an equal stays queued: the tick is needed
    if (unlikely(!sc_running_full || (next->sckind & (SC_FULL | SC_PASSIVE)) != SC_FULL ||
                 equal != sched_tick_armed || (equal && slice_pd != next) ||
                 (MOAT_NCPUS > 1 && next->xcore)))
        return slow(action, 0, 0, 0, 0, 0, SYS_RECV);

    cur->reply_lost = false;
    cur->state = PD_RECV;
    sched_dequeue(p);
    FASTPATH_COUNT(taken, FP_RECV);
    trace_switch(next);
    current = next;
    return arch_fast_switch(cur, next);
}

#endif // MOAT_NO_FASTPATH
