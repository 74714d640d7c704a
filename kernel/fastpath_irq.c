// SPDX-License-Identifier: BSD-2-Clause
//
// The fast path of device interrupts delivered as notifications, and of
// their acknowledgement (fastpath.c's style: every precondition is tested,
// as unlikely() branches, before anything is written; if one fails the
// general path does the work, and it stays the reference).
//
// fastpath_irq: trap.S sends an S-mode external interrupt taken in a PD
// here, after the full save of the PD's 31 registers (it was not at a system
// call). Claiming the source is the one thing done before the tests (the
// claim is the read that takes it, and marks it in service: the kernel halts
// when every owned source is in service and every PD waits); the general
// path then goes on from the claimed source (irq_interrupt), as trap.c's.
// One source is taken per entry: another pending one keeps the external
// interrupt pending, and it traps again as soon as the PD resumes.
// Preconditions, and why:
//   - a PD owns the source (not a spurious one, not the UART's that the
//     kernel reads for console input: then it has no owner, irq_boot);
//   - SMP: neither the interrupted PD nor the owner is xcore (no lock is
//     taken; a source is enabled only in its owner's core's PLIC context,
//     so the owner is always one of this core's PDs);
//   - the owner waits (PD_RECV, or PD_WAIT: ntfn_signal ends both alike) and
//     outranks the interrupted PD: it runs at once, which keeps its turn at
//     the front of its queue, as in fastpath_notify; the tick is off, the
//     owner's context and the running one are full (nothing is charged, no
//     timer moves) and the owner's domain runs;
//   - or the interrupted PD goes on: the owner does not wait (its pending
//     word changes) or it waits and is lower (it is queued, its domain
//     running); the running context is full and the tick needs no change
//     (what sched.c's tick_update tests first). An equal owner that waits
//     needs the tick: general path.
//
// fastpath_irq_ack: SYS_IRQ_ACK on a valid interrupt id completes the
// source (SMP: not from an xcore PD). It wakes nobody and changes no
// queue, so the PD goes on, as the general path's sched_choose decides.
#define MOAT_ASSERT_TRAP // kernel.h: no frame for panic_at on the fast paths
#include "fastpath.h"

#ifndef MOAT_NO_FASTPATH

#include "moat/image.h"

#include "arch.h"
#include "arch_fast.h"
#include "irq.h"
#include "lock.h"
#include "pd.h"
#include "sched.h"
#include "syscall.h"
#include "trace.h"

#define COUNT FASTPATH_COUNT

// trap.c's general path, from a source claimed already (or 0).
static __attribute__((noinline)) struct regs *
irq_slow(unsigned source)
{
    COUNT(general, FP_IRQ);
    kernel_lock(); // arch_resume releases it
    irq_interrupt(source);
    return arch_resume(sched_choose());
}

// The interrupted PD resumes: sched_choose would leave the tick as it is
// (its runnable equals are what they were, and the tick is armed for its
// slice exactly when it has one).
static inline bool
tick_as_is(const struct pd *cur)
{
    bool need = sched_q[cur->rank].head != NULL;

    return need == sched_tick_armed && (!need || slice_pd == cur);
}

struct regs *
fastpath_irq(void)
{
    struct pd *cur = current;
    unsigned source = arch_irq_claim();

    if (unlikely(source - 1 >= IMAGE_MAX_IRQS - 1)) // none (0), or beyond the table
        return irq_slow(source);
    struct pd *to = irqs[source].pd;
    if (unlikely(!to || (MOAT_NCPUS > 1 && (cur->xcore | to->xcore))))
        return irq_slow(source);
    word_t bit = 1UL << irqs[source].id;
    bool waits = to->state == PD_RECV || to->state == PD_WAIT;

    if (likely(waits && to->prio > cur->prio)) {
        if (unlikely(sched_tick_armed || !(to->sckind & sc_running_full) ||
                     to->domain != sched_domain))
            return irq_slow(source);
        trace_record(TRACE_IRQ, to, NULL, source);
        arch_result(to, 0) = E_OK;
        arch_result(to, 1) = 0;
        arch_result(to, 6) = bit;
        to->state = PD_RUNNABLE;
        current = to;
        sched_enqueue_front(cur);
        trace_switch(to);
        COUNT(taken, FP_IRQ);
        return arch_switch(to);
    }
    if (unlikely(!sc_running_full || !tick_as_is(cur) ||
                 (waits && (to->prio == cur->prio || to->domain != sched_domain))))
        return irq_slow(source);
    trace_record(TRACE_IRQ, to, NULL, source);
    COUNT(taken, FP_IRQ);
    if (!waits) {
        to->pending |= bit;
        return &cur->arch.regs;
    }
    arch_result(to, 0) = E_OK;
    arch_result(to, 1) = 0;
    arch_result(to, 6) = bit;
    to->state = PD_RUNNABLE;
    sched_enqueue(to);
    return &cur->arch.regs;
}

struct regs *
fastpath_irq_ack(word_t ch)
{
    struct pd *cur = current;

    if (unlikely(ch >= MOAT_MAX_CHANNELS ||
                 (cur->ch[ch].flags & (CH_VALID | CH_IRQ)) != (CH_VALID | CH_IRQ) ||
                 (MOAT_NCPUS > 1 && cur->xcore))) {
        COUNT(general, FP_IRQ_ACK);
        arch_fast_save(cur);
        return arch_resume(syscall(ch, 0, 0, 0, 0, 0, SYS_IRQ_ACK));
    }
    arch_irq_ack(cur->ch[ch].peer_id);
    arch_result(cur, 0) = E_OK;
    COUNT(taken, FP_IRQ_ACK);
    return arch_fast_resume(cur);
}

#endif // MOAT_NO_FASTPATH
