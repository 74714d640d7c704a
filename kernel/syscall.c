// SPDX-License-Identifier: BSD-2-Clause
//
// The trust boundary. Every system call checks every argument here, as guard
// clauses, before it changes anything; the module functions it then calls
// (ipc.c, sched.c) cannot fail for a PD's reasons and only ASSERT. A PD
// reaching an ASSERT or panic through a system call is a bug in this file.
// docs/abi.md lists each call's errors; tests/unit/test_syscall.c checks each.
#include "syscall.h"

#include "moat/image.h"

#include "alarm.h"
#include "arch.h"
#include "bench.h"
#include "cap.h"
#include "console.h"
#include "fastpath.h"
#include "ipc.h"
#include "lock.h"
#include "pd.h"
#include "sched.h"
#include "svc.h"
#include "trace.h"

// Why a call was refused, on the console (debug kernels only; seL4's
// userError): the call, the argument and its value, the error's name and
// the reason, as `[client] notify: channel 9: E_NOENT (no channel with that
// id)`. A PD gets UERR_MAX such lines per incarnation, then one saying that
// further ones are not shown; a restart or reset starts the count again
// (design.md, "Why refusals are counted, not timed"). Release kernels print
// none, and keep no count.
#define UERR_MAX 16

static const char *const err_names[] = E_NAMES;
_Static_assert(ARRAY_SIZE(err_names) == E_COUNT, "abi.h E_NAMES");

static const char *
err_name(long err)
{
    return err <= 0 && err > -(long)ARRAY_SIZE(err_names) ? err_names[-err] : "E_?";
}

#ifdef MOAT_DEBUG
// May pd have one more line? The first refusal past UERR_MAX says that no
// more will come.
static bool
uerr_ok(struct pd *pd)
{
    if (pd->refusals > UERR_MAX)
        return false;
    if (pd->refusals++ < UERR_MAX)
        return true;
    kprintf("[%s] further refusals not shown (the first %u were; a restart or reset shows more)\n",
            pd->name, UERR_MAX);
    return false;
}
#define uerr_on(pd) uerr_ok(pd)
#else
#define uerr_on(pd) 0 // compiled out, its arguments still type-checked
#endif

// The error err, said on the console as `[pd] fmt: E_NAME (why)`, where fmt
// names the call, the argument and its value. An expression: `return
// refused(...)`.
#define refused(pd, err, why, fmt, ...)                                                            \
    (uerr_on(pd) ? kprintf("[%s] " fmt ": %s (%s)\n", (pd)->name, __VA_ARGS__, err_name(err), why) \
                 : (void)0,                                                                        \
     (err))

// The reason a channel check refused a channel id.
static const char *
chan_why(long err)
{
    switch (err) {
    case E_RANGE:
        return "channel ids are 0..61";
    case E_NOENT:
        return "no channel with that id";
    case E_PERM:
        return "the channel does not allow this";
    default:
        return "the peer is stopped or faulted";
    }
}

// The channel `ch` of `pd` if it exists and allows `right`, else an error.
static long
chan_check(const struct pd *pd, word_t ch, unsigned right)
{
    if (ch >= MOAT_MAX_CHANNELS)
        return E_RANGE;
    if (!(pd->ch[ch].flags & CH_VALID))
        return E_NOENT;
    if (!(pd->ch[ch].flags & right))
        return E_PERM;
    return E_OK;
}

static long
tag_check(word_t tag)
{
    if (TAG_CAPS(tag))
        return E_INVAL;
    if (TAG_LENGTH(tag) > MOAT_MSG_MAX)
        return E_RANGE;
    return E_OK;
}

static const char *
tag_why(long err)
{
    return err == E_RANGE ? "more than 120 message registers" : "capabilities in a tag";
}

static long
action_check(const struct pd *pd, word_t action)
{
    switch (ACTION_KIND(action)) {
    case ACTION_NONE:
        return ACTION_CH(action) ? E_INVAL : E_OK;
    case ACTION_NOTIFY:
        return chan_check(pd, ACTION_CH(action), CH_NOTIFY);
    case ACTION_IRQ_ACK:
        return chan_check(pd, ACTION_CH(action), CH_IRQ);
    default:
        return E_INVAL;
    }
}

static void
action_do(struct pd *pd, word_t action)
{
    const struct chan *c = &pd->ch[ACTION_CH(action)];

    if (ACTION_KIND(action) == ACTION_NOTIFY) {
        trace_record(TRACE_NOTIFY, pd, c->peer, ACTION_CH(action));
        ntfn_signal(c->peer, 1UL << c->peer_id);
    } else if (ACTION_KIND(action) == ACTION_IRQ_ACK) {
        arch_irq_ack(c->peer_id);
    }
}

static long
sys_notify(struct pd *pd, word_t ch)
{
    long err = chan_check(pd, ch, CH_NOTIFY);

    if (err)
        return refused(pd, err, chan_why(err), "notify: channel %lu", ch);
    const struct chan *c = &pd->ch[ch];
    trace_record(TRACE_NOTIFY, pd, c->peer, ch);
    ntfn_signal(c->peer, 1UL << c->peer_id);
    return E_OK;
}

static long
sys_call(struct pd *pd, word_t ch, word_t tag, const word_t mr[4])
{
    long err = chan_check(pd, ch, CH_PPC);

    if (err)
        return refused(pd, err, chan_why(err), "call: channel %lu", ch);
    err = tag_check(tag);
    if (err)
        return refused(pd, err, tag_why(err), "call: tag 0x%lx", tag);
    if (pd->ch[ch].peer->state == PD_STOPPED || pd->ch[ch].peer->state == PD_FAULTED)
        return refused(pd, E_DEAD, chan_why(E_DEAD), "call: channel %lu", ch);
    const struct chan *c = &pd->ch[ch];
    ppc_call(pd, c->peer, c->peer_id, tag, mr);
    return E_OK; // the reply overwrites it
}

static long
sys_recv(struct pd *pd, word_t action, bool reply, bool poll, word_t tag, const word_t mr[4])
{
    const char *call = reply ? "reply_recv" : poll ? "poll" : "recv";
    long err = action_check(pd, action);

    if (err == E_INVAL)
        return refused(pd, err, "no such action, or a channel with none", "%s: action 0x%lx", call,
                       action);
    if (err)
        return refused(pd, err, chan_why(err), "%s: action 0x%lx: channel %lu", call, action,
                       ACTION_CH(action));
    // A reply needs a call or fault to answer (or one whose caller went away);
    // a plain wait must not drop a call (it may decline a fault).
    if (reply && !pd->caller && !pd->reply_lost)
        return refused(pd, E_STATE, "no call to reply to", "%s: reply", call);
    if (reply && (err = tag_check(tag)))
        return refused(pd, err, tag_why(err), "%s: tag 0x%lx", call, tag);
    if (!reply && pd->caller && pd->caller->state == PD_CALL)
        return refused(pd, E_STATE, "a call waits for its reply", "%s: no reply", call);
    action_do(pd, action);
    if (reply)
        ppc_reply(pd, tag, mr);
    else if (pd->caller)
        ipc_drop_fault(pd);
    pd->reply_lost = false;
    if (poll)
        ipc_poll(pd);
    else
        ipc_wait(pd);
    return E_OK; // the wait's result overwrites it
}

static long
sys_irq_ack(struct pd *pd, word_t ch)
{
    long err = chan_check(pd, ch, CH_IRQ);

    if (err)
        return refused(pd, err, err == E_RANGE ? "ids are 0..61" : "no interrupt with that id",
                       "irq_ack: id %lu", ch);
    arch_irq_ack(pd->ch[ch].peer_id);
    return E_OK;
}

// Restart, stop, resume or reset a child; or reset the PD itself
// (PD_CTL_SELF), if the tool gave it a boot state to return to. Nothing
// changes unless every argument is good.
static long
sys_pd_ctl(struct pd *pd, word_t id, word_t op, word_t entry)
{
    struct pd *child = id < MOAT_MAX_CHANNELS ? pd_child(pd, id) : NULL;

    if (id == PD_CTL_SELF) {
        if (op != PD_CTL_RESET)
            return refused(pd, E_INVAL, "a PD may only reset itself", "pd_ctl: self: op %lu", op);
        if (!pd->nreset)
            return refused(pd, E_STATE, "no boot state to return to", "pd_ctl: self: op %lu", op);
        pd_control(pd, pd, PD_CTL_RESET, 0);
        return E_OK;
    }
    if (id >= MOAT_MAX_CHANNELS)
        return refused(pd, E_RANGE, "child ids are 0..61", "pd_ctl: child %lu", id);
    if (!child)
        return refused(pd, E_NOENT, "no child with that id", "pd_ctl: child %lu", id);
    if (op > PD_CTL_RESET)
        return refused(pd, E_INVAL, "no such operation", "pd_ctl: child %lu: op %lu", id, op);
    if (op == PD_CTL_RESTART && entry >= USER_TOP)
        return refused(pd, E_INVAL, "not a user address", "pd_ctl: child %lu: entry 0x%lx", id,
                       entry);
    pd_control(pd, child, op, entry);
    return E_OK;
}

// An seL4 invocation on a capability: suspend or resume the PD a TCB
// capability names (the caller itself included: a PD that suspends itself
// returns from this call when resumed).
static long
sys_cap(struct pd *pd, word_t cptr, word_t op)
{
    struct pd *obj = NULL;
    unsigned kind = cap_lookup(pd, cptr, &obj);

    if (op > CAP_TCB_RESUME)
        return refused(pd, E_INVAL, "no such operation", "cap: cptr 0x%lx: op %lu", cptr, op);
    if (kind == IMAGE_CAP_NONE)
        return refused(pd, E_NOENT, "no capability there", "cap: cptr 0x%lx", cptr);
    if (kind != IMAGE_CAP_TCB)
        return refused(pd, E_PERM, "not a TCB capability", "cap: cptr 0x%lx", cptr);
    pd_control(pd, obj, op == CAP_TCB_SUSPEND ? PD_CTL_STOP : PD_CTL_RESUME, 0);
    return E_OK;
}

// The peer a service or client id names, for `op`: it must be a service
// `pd` uses (IPC_NOTIFY_SERVICE, IPC_SHARE) or a client of pd's service
// (IPC_NOTIFY_CLIENT), in the incarnation the id was made for. A PD it may
// not reach is refused exactly as one that does not exist.
static long
ipc_peer(const struct pd *pd, word_t op, word_t id, struct pd **peer)
{
    struct pd *p = svc_lookup(id);

    if (!p)
        return E_NOENT;
    if (p == pd)
        return E_INVAL;
    if (!((op == IPC_NOTIFY_CLIENT ? pd->clients : pd->uses) >> p->index & 1))
        return E_NOENT;
    if (IPC_ID_GEN(id) != (p->gen & IPC_GEN_MASK))
        return E_STALE;
    // A stopped service cannot take a notification; but a client may still
    // share, and above all unshare, while it is stopped.
    if (op != IPC_SHARE && (p->state == PD_STOPPED || p->state == PD_FAULTED))
        return E_DEAD;
    *peer = p;
    return E_OK;
}

// The reason ipc_peer refused an id.
static const char *
peer_why(long err)
{
    switch (err) {
    case E_NOENT:
        return "no such service or client of this PD";
    case E_INVAL:
        return "the PD itself";
    case E_STALE:
        return "restarted since the id was made";
    default:
        return "the peer is stopped or faulted";
    }
}

// Not inlined: keeps syscall()'s frame as small as the hot calls need.
static __attribute__((noinline)) long
sys_ipc(struct pd *pd, word_t op, word_t a1, word_t a2, word_t a3)
{
    static const char *const ops[] = {"discover", "notify_service", "notify_client", "share"};
    struct pd *peer = NULL;
    long err;

    if (op >= ARRAY_SIZE(ops))
        return refused(pd, E_INVAL, "no such operation", "ipc: op %lu", op);
    switch (op) {
    case IPC_DISCOVER:
        if (a1 > MOAT_NAME_LEN)
            return refused(pd, E_RANGE, "names are at most 64 bytes", "ipc: discover: length %lu",
                           a1);
        peer = svc_find(pd, a1);
        if (!peer)
            return refused(pd, E_NOENT, "no service of that name for this PD",
                           "ipc: discover: length %lu", a1);
        arch_result(pd, 1) = svc_id(peer);
        arch_result(pd, 2) = peer == pd;
        return E_OK;
    case IPC_NOTIFY_SERVICE:
    case IPC_NOTIFY_CLIENT:
        err = ipc_peer(pd, op, a1, &peer);
        if (err)
            return refused(pd, err, peer_why(err), "ipc: %s: id 0x%lx", ops[op], a1);
        svc_notify(pd, peer, op == IPC_NOTIFY_SERVICE);
        return E_OK;
    case IPC_SHARE:
        err = ipc_peer(pd, op, a1, &peer);
        if (err)
            return refused(pd, err, peer_why(err), "ipc: share: id 0x%lx", a1);
        if (a3 > IPC_SHARE_MAX)
            return refused(pd, E_RANGE, "at most a page", "ipc: share: length %lu", a3);
        if (a2 >= USER_TOP || a3 > USER_TOP - a2)
            return refused(pd, E_RANGE, "not in user space", "ipc: share: buffer 0x%lx", a2);
        if (a3 && !svc_shareable(pd, a2, a3))
            return refused(pd, E_PERM, "not all mapped writable", "ipc: share: buffer 0x%lx", a2);
        svc_share(pd, peer, a2, a3);
        return E_OK;
    }
    return E_OK; // not reached: op < ARRAY_SIZE(ops)
}

// seL4_Wait / seL4_Poll on the PD's own notification, the only one a PD
// can wait on: Microkit's INPUT_CAP.
static long
sys_wait(struct pd *pd, word_t cptr, word_t poll)
{
    if (poll > 1)
        return refused(pd, E_INVAL, "0 or 1", "wait: poll %lu", poll);
    if (cptr != CAP_MK_INPUT)
        return refused(pd, E_NOENT, "only the PD's own notification", "wait: cptr 0x%lx", cptr);
    ntfn_wait(pd, poll);
    return E_OK;
}

// Console input: up to n waiting bytes into the IPC buffer's message
// registers; with none there and `tell`, EVENT_CONSOLE when some arrive.
static long
sys_console_read(struct pd *pd, word_t n, word_t tell)
{
    if (!console_input)
        return refused(pd, E_PERM, "a PD owns the UART", "console_read: length %lu", n);
    if (n == 0 || n > CONSOLE_READ_MAX)
        return refused(pd, E_RANGE, "1..256 bytes", "console_read: length %lu", n);
    if (tell > 1)
        return refused(pd, E_INVAL, "0 or 1", "console_read: tell %lu", tell);
    char *to = (char *)pd->ipcbuf + IPCBUF_MR_OFFSET;
    arch_result(pd, 1) = console_read(pd, to, (unsigned)n, tell);
    return E_OK;
}

#ifdef MOAT_DEBUG
// seL4_DebugDumpScheduler: every PD, its state and scheduling parameters.
static void
dump_pds(void)
{
    static const char *const states[] = {"inactive", "runnable", "waiting", "calling",
                                         "faulted", "stopped", "waiting for a notification",
                                         "waiting for another core to control a PD"};
    const uint64_t per_us = IMAGE_TIMER_HZ / 1000000;

    kprintf("moat: scheduler: %u protection domains\n", npds);
    for (unsigned i = 0; i < npds; i++) {
        const struct pd *p = &pds[i];
        if (cpu_of(p) != this_cpu())
            continue; // another core's: it changes them as it runs
        kprintf("moat:   '%s' %s, priority %u, budget %lu us, period %lu us, pc 0x%lx\n",
                p->name, p == current ? "running" : states[p->state], p->prio,
                p->sc.budget / per_us, p->sc.period / per_us, arch_pc(p));
    }
#ifdef MOAT_FASTPATH_STATS
    const struct fastpath_stats *f = &fastpath_stats;
    kprintf("moat: fast path: call %lu taken, %lu general; reply_recv %lu taken, %lu general; "
            "notify %lu taken, %lu general; ipc %lu taken, %lu general; recv %lu taken, %lu general; "
            "irq %lu taken, %lu general; irq_ack %lu taken, %lu general\n",
            f->taken[FP_CALL], f->general[FP_CALL], f->taken[FP_REPLY_RECV],
            f->general[FP_REPLY_RECV], f->taken[FP_NOTIFY], f->general[FP_NOTIFY],
            f->taken[FP_IPC], f->general[FP_IPC], f->taken[FP_RECV], f->general[FP_RECV],
            f->taken[FP_IRQ], f->general[FP_IRQ], f->taken[FP_IRQ_ACK], f->general[FP_IRQ_ACK]);
#else
    kprintf("moat: fast path: compiled out\n");
#endif
}
#endif

#if defined(MOAT_DEBUG) || defined(MOAT_TRACE)
// The scheduler's table in debug kernels, the trace in debug and benchmark ones.
static long
sys_debug_dump(struct pd *pd, word_t what)
{
    switch (what) {
#ifdef MOAT_DEBUG
    case DEBUG_DUMP_PDS:
        dump_pds();
        return E_OK;
#endif
#ifdef MOAT_TRACE
    case DEBUG_DUMP_TRACE:
        trace_dump();
        return E_OK;
#endif
    default:
        return refused(pd, E_INVAL, "not a dump this kernel has", "debug_dump: %lu", what);
    }
}
#endif

static long
sys_debug_halt(struct pd *pd, word_t code)
{
#ifdef MOAT_DEBUG
    console_end_all();
    kprintf("moat: pd '%s' halted the system with code %lu\n", pd->name, code);
    trace_dump();
    arch_halt(code > 255 ? 255 : (int)code);
#else
    (void)pd;
    (void)code;
    return E_NOSYS;
#endif
}

#ifdef MOAT_BENCHMARK
// seL4's utilisation calls (benchmark kernels only). A cptr that names no
// TCB of this PD is refused; seL4 would ignore the call.
static long
sys_bench(struct pd *pd, word_t op, word_t cptr)
{
    struct pd *t = NULL;

    // Benchmark kernels are release kernels: these say nothing, but read
    // as every other refusal does.
    if (op > BENCH_RESET_UTIL)
        return refused(pd, E_INVAL, "no such operation", "bench: op %lu", op);
    if ((op == BENCH_GET_UTIL || op == BENCH_RESET_UTIL) && !(t = cap_tcb(pd, cptr)))
        return refused(pd, E_NOENT, "no TCB of this PD", "bench: cptr 0x%lx", cptr);
    switch (op) {
    case BENCH_RESET_LOG:
        bench_reset_log(pd);
        break;
    case BENCH_FINALIZE_LOG:
        bench_finalize_log();
        break;
    case BENCH_GET_UTIL:
        bench_get(t, pd->ipcbuf + IPCBUF_MR_OFFSET / sizeof(word_t));
        break;
    case BENCH_RESET_UTIL:
        bench_reset_pd(t);
        break;
    }
    return E_OK;
}
#endif

struct pd *
syscall(word_t a0, word_t a1, word_t a2, word_t a3, word_t a4, word_t a5, word_t nr)
{
    kernel_lock(); // arch_resume releases it
    struct pd *pd = current;
    const word_t mr[4] = {a2, a3, a4, a5};
    long err;

    switch (nr) {
    case SYS_CALL:
        err = sys_call(pd, a0, a1, mr);
        break;
    case SYS_REPLY_RECV:
        err = sys_recv(pd, a0, true, false, a1, mr);
        break;
    case SYS_RECV:
        err = sys_recv(pd, a0, false, false, 0, mr);
        break;
    case SYS_POLL:
        err = sys_recv(pd, a0, false, true, 0, mr);
        break;
    case SYS_NOTIFY:
        err = sys_notify(pd, a0);
        break;
    case SYS_IRQ_ACK:
        err = sys_irq_ack(pd, a0);
        break;
    case SYS_DEBUG_PUTC:
        console_putc(pd, (char)a0);
        err = E_OK;
        break;
    case SYS_DEBUG_HALT:
        err = sys_debug_halt(pd, a0);
        break;
    case SYS_IPC:
        err = sys_ipc(pd, a0, a1, a2, a3);
        break;
    case SYS_ALARM:
        alarm_set(pd, a0);
        err = E_OK;
        break;
    case SYS_PD_CTL:
        err = sys_pd_ctl(pd, a0, a1, a2);
        break;
    case SYS_YIELD:
        sched_yield();
        err = E_OK;
        break;
    case SYS_WAIT:
        err = sys_wait(pd, a0, a1);
        break;
#if defined(MOAT_DEBUG) || defined(MOAT_TRACE)
    case SYS_DEBUG_DUMP:
        err = sys_debug_dump(pd, a0);
        break;
#endif
    case SYS_CONSOLE_READ:
        err = sys_console_read(pd, a0, a1);
        break;
    case SYS_CAP:
        err = sys_cap(pd, a0, a1);
        break;
#ifdef MOAT_BENCHMARK
    case SYS_BENCH:
        err = sys_bench(pd, a0, a1);
        break;
#endif
    default:
        err = refused(pd, E_NOSYS, "not in this kernel", "system call %lu", nr);
        break;
    }
    if (err || (nr != SYS_CALL && nr != SYS_RECV && nr != SYS_REPLY_RECV && nr != SYS_POLL))
        arch_result(pd, 0) = err;
    return sched_choose();
}
