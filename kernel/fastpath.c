// SPDX-License-Identifier: BSD-2-Clause
//
// The IPC fast path (after seL4's fastpath.c). trap.S sends SYS_CALL,
// SYS_REPLY_RECV and SYS_NOTIFY straight here, before any generic decoding.
// Each function first tests its preconditions, as unlikely() branches taken
// before anything is written, and hands the call to the general path if one
// fails; then it commits, switches address space if needed, and returns the
// registers trap exit restores. The general path in syscall.c, ipc.c
// and sched.c does the same operations for every case and is the reference:
// tests run the whole suite with the fast path compiled out (MOAT_NO_FASTPATH)
// and expect the same results.
//
// fastpath_call preconditions, and why:
//   - ch < 62 and the channel allows calls to a PD of the same domain
//     (CH_FAST_PPC: pd_boot sets it on a valid CH_PPC channel whose ends
//     share a domain): otherwise the general path reports the error, or
//     parks a callee of another domain;
//   - the tag has no cap bits and at most 120 message registers (4 travel in
//     registers, the rest are copied between the IPC buffers);
//   - the callee waits (PD_RECV): it is not stopped, and it can take the call
//     now, so no queue of callers is involved.
//   - (no test of the round-robin tick: if it is armed, for the caller's
//     slice or for a holder below that waits for a reply, it stays armed for
//     that slice (sched.c, held()), as the callee outranks the holder and has
//     no runnable equal; the timer stays as it is);
//   - the callee is passive (it runs on the context the caller runs on, so
//     no time is charged and no timer moves), or the callee's context and
//     the running one are both full (budget == period: never throttled,
//     never charged; sc_running may keep naming the caller's).
// The callee outranks the caller (checked by the tool, and again by pd_boot)
// and the caller is the highest runnable PD, so the callee is now the highest:
// switch to it directly, touching no run queue and no timer.
//
// fastpath_reply_recv preconditions:
//   - no deferred action: otherwise a notification may wake someone;
//   - the PD serves a call (not a child's fault), and the tag is valid (as above);
//   - nothing is pending for the PD (no notification bits, no service or
//     alarm event, no queued caller), and it does not serve a call from
//     another domain (PD_EV_XDOM, in the same byte as the events):
//     the wait will block;
//   - no runnable PD has a priority above the caller's: the caller runs next;
//   - the tick stays as it is: no PD of the caller's priority is runnable and
//     the tick is off, or one is and the tick is armed for the caller's own
//     slice (it called with an equal runnable, sched.c's held()), on a full
//     context: the caller keeps its slice and the timer its deadline;
//   - the replier is passive (it ran on the caller's context), or the caller
//     is not passive and its context and the running one are full.
//
// fastpath_notify preconditions:
//   - the channel allows notify to a PD of the same domain (CH_FAST_NOTIFY);
//   - the receiver is not waiting (nor in a notification-only wait, SYS_WAIT,
//     which the general path ends): only its pending word changes; or it waits
//     and its priority differs from the sender's: if lower, it is queued and
//     the sender goes on; if higher (and the tick is off), it runs at once and
//     the sender keeps its turn at the front of its queue, if both run on
//     full contexts. (Equal priorities need the tick: general path.) A
//     receiver queued on a context without budget is throttled when the
//     scheduler next picks it.
#define MOAT_ASSERT_TRAP // kernel.h: no frame for panic_at on the fast paths
#include "fastpath.h"

#ifndef MOAT_NO_FASTPATH

#include "moat/image.h"

#include "arch.h"
#include "arch_fast.h"
#include "ipc.h"
#include "pd.h"
#include "sched.h"
#include "syscall.h"
#include "trace.h"

#ifdef MOAT_FASTPATH_STATS
struct fastpath_stats fastpath_stats;
#endif
#define COUNT FASTPATH_COUNT

// No capabilities and at most MOAT_MSG_MAX registers: the caps field lies
// just above the length, so both are one comparison of the low bits.
static inline bool
tag_ok(word_t tag)
{
    _Static_assert(TAG_LABEL(1UL << 12) == 1 && TAG_CAPS(0xf80UL) == 0x1f, "tag layout");
    return tag << 52 <= (word_t)MOAT_MSG_MAX << 52;
}

// The general path, for a call whose preconditions do not hold.
static __attribute__((noinline, cold)) struct regs *
slow(word_t a0, word_t a1, word_t a2, word_t a3, word_t a4, word_t a5, word_t nr)
{
    COUNT(general, nr == SYS_CALL ? FP_CALL : nr == SYS_REPLY_RECV ? FP_REPLY_RECV : FP_NOTIFY);
    arch_fast_save(current);
    return arch_resume(syscall(a0, a1, a2, a3, a4, a5, nr));
}

// The fast path's switch: `to` differs from the PD that trapped.
static inline __attribute__((always_inline)) struct regs *
switch_to(struct pd *from, struct pd *to)
{
    current = to;
    return arch_fast_switch(from, to);
}

struct regs *
fastpath_call(word_t ch, word_t tag, word_t mr0, word_t mr1, word_t mr2, word_t mr3)
{
    struct pd *cur = current;

    if (unlikely(ch >= MOAT_MAX_CHANNELS))
        return slow(ch, tag, mr0, mr1, mr2, mr3, SYS_CALL);
    const struct chan *c = &cur->ch[ch];
    struct pd *to = c->peer;
    if (unlikely(!(c->flags & CH_FAST_PPC) || !tag_ok(tag) || to->state != PD_RECV ||
                 !(to->sckind & (SC_PASSIVE | sc_running_full))))
        return slow(ch, tag, mr0, mr1, mr2, mr3, SYS_CALL);

    trace_handoff(TRACE_CALL, cur, to, tag);
    cur->state = PD_CALL;
    cur->callee = to;
    to->state = PD_RUNNABLE;
    to->caller = cur;
    ipc_set_regs(to, E_OK, tag, mr0, mr1, mr2, mr3);
    if (TAG_LENGTH(tag) > MOAT_MSG_REGS)
        ipc_copy_mrs(to, cur, TAG_LENGTH(tag));
    arch_result(to, 6) = BADGE_PPC | c->peer_id;
    COUNT(taken, FP_CALL);
    return switch_to(cur, to);
}

struct regs *
fastpath_reply_recv(word_t action, word_t tag, word_t mr0, word_t mr1, word_t mr2, word_t mr3)
{
    struct pd *cur = current;
    struct pd *caller = cur->caller;

    if (unlikely(action != ACTION_NONE || !caller || caller->state != PD_CALL || !tag_ok(tag) ||
                 cur->pending || cur->events ||
                 cur->callq || !sched_resumes_as_is(caller->rank) ||
                 (sched_tick_armed && (slice_pd != caller || !sc_running_full)) ||
                 (MOAT_NCPUS > 1 && (cur->xcore | caller->xcore)) ||
                 !((cur->sckind & SC_PASSIVE) |
                   ((caller->sckind & (SC_FULL | SC_PASSIVE)) == sc_running_full &&
                    sc_running_full))))
        return slow(action, tag, mr0, mr1, mr2, mr3, SYS_REPLY_RECV);

    trace_handoff(TRACE_REPLY, cur, caller, tag);
    ipc_set_regs(caller, E_OK, tag, mr0, mr1, mr2, mr3);
    if (TAG_LENGTH(tag) > MOAT_MSG_REGS)
        ipc_copy_mrs(caller, cur, TAG_LENGTH(tag));
    caller->state = PD_RUNNABLE;
    caller->callee = NULL;
    cur->caller = NULL;
    cur->state = PD_RECV;
    COUNT(taken, FP_REPLY_RECV);
    return switch_to(cur, caller);
}

// fastpath_notify's receiver waited: the notification is its wait's result.
static inline __attribute__((always_inline)) void
wake(struct pd *cur, struct pd *to, word_t bit)
{
    arch_result(cur, 0) = E_OK;
    arch_result(to, 0) = E_OK;
    arch_result(to, 1) = 0;
    arch_result(to, 6) = bit;
    to->state = PD_RUNNABLE;
    COUNT(taken, FP_NOTIFY);
}

struct regs *
fastpath_notify(word_t ch)
{
    struct pd *cur = current;

    if (unlikely(ch >= MOAT_MAX_CHANNELS))
        return slow(ch, 0, 0, 0, 0, 0, SYS_NOTIFY);
    const struct chan *c = &cur->ch[ch];
    struct pd *to = c->peer;
    if (unlikely(!(c->flags & CH_FAST_NOTIFY) ||
                 (to->state == PD_RECV &&
                  (to->prio == cur->prio ||
                   (to->prio > cur->prio &&
                    (sched_tick_armed || !(to->sckind & sc_running_full)))))))
        return slow(ch, 0, 0, 0, 0, 0, SYS_NOTIFY);

    word_t bit = 1UL << c->peer_id;
    if (to->state != PD_RECV) {
        if (unlikely(to->state == PD_WAIT)) // seL4_Wait: the general path wakes it
            return slow(ch, 0, 0, 0, 0, 0, SYS_NOTIFY);
        COUNT(taken, FP_NOTIFY);
        trace_record(TRACE_NOTIFY, cur, to, ch);
        arch_result(cur, 0) = E_OK;
        to->pending |= bit;
        return arch_fast_resume(cur);
    }
    // It waits (PD_RECV): it gets the bit as its wait's result. (Written out
    // in each case, so that neither tests the priorities twice.)
    if (to->prio < cur->prio) {
        wake(cur, to, bit);
        trace_record(TRACE_NOTIFY, cur, to, ch);
        sched_enqueue(to);
        return arch_fast_resume(cur);
    }
    wake(cur, to, bit);
    trace_handoff(TRACE_NOTIFY, cur, to, ch);
    current = to;
    sched_enqueue_front(cur);
    return arch_fast_switch(cur, to);
}

#endif // MOAT_NO_FASTPATH
