// SPDX-License-Identifier: BSD-2-Clause
//
// The PD table. The tool decided everything about a PD (its page tables,
// entry point, stack, channels); pd_boot copies that into pds[] and makes
// every PD runnable. After boot nothing is allocated: a PD lives in its slot
// for the life of the system.
#include "pd.h"

#include "moat/image.h"

#include "alarm.h"
#include "arch.h"
#include "console.h"
#include "cpu.h"
#include "ipc.h"
#include "irq.h"
#include "lock.h"
#include "sched.h"
#include "svc.h"
#include "trace.h"

struct pd pds[MOAT_MAX_PDS];
unsigned npds;

unsigned
pd_boot(const struct image_hdr *img)
{
    if (img->magic != IMAGE_MAGIC || img->version != IMAGE_VERSION)
        panic("no moat image after the kernel (rebuild it with the moat tool of this kernel)");
    if (img->hdr_size != sizeof(struct image_hdr) || img->pd_size != sizeof(struct image_pd))
        panic("image: the tool's layout of the image differs from this kernel's");
    if (img->npds == 0 || img->npds > MOAT_MAX_PDS)
        panic("image: bad number of protection domains");
    // The zeros the file does not store: before anything reads them.
    if (img->file_size == 0 || img->file_size > img->size || img->size > IMAGE_MAX_SIZE ||
        (img->file_size < img->size && (img->file_size | img->size) % PAGE_SIZE))
        panic("image: bad file size");
    for (paddr_t pa = IMAGE_LOAD_PA + img->file_size; pa < IMAGE_LOAD_PA + img->size; pa += PAGE_SIZE) {
        word_t *page = arch_phys(pa);
        for (unsigned w = 0; w < PAGE_SIZE / sizeof(word_t); w++)
            page[w] = 0;
    }
    if (img->ncpus == 0 || img->ncpus > MOAT_NCPUS)
        panic("image: built for more cores than this kernel runs (an smp-* system needs its "
              "configuration's kernel)");
    ncpus = img->ncpus;
    npds = img->npds;
    for (unsigned i = 0; i < npds; i++) {
        if (img->pd[i].prio > MOAT_MAX_PRIO)
            panic("image: priority out of range");
        pds[i].prio = img->pd[i].prio;
    }
    sched_ranks(npds); // before the first is queued
    for (unsigned i = 0; i < npds; i++) {
        const struct image_pd *ip = &img->pd[i];
        struct pd *pd = &pds[i];

        for (unsigned c = 0; c < MOAT_MAX_CHANNELS; c++) {
            pd->ch[c].flags = ip->ch[c].flags;
            pd->ch[c].peer_id = ip->ch[c].peer_id;
            pd->ch[c].peer = NULL;
            if (!(pd->ch[c].flags & CH_VALID)) {
                if (pd->ch[c].flags)
                    panic("image: rights on an unused channel id");
                continue;
            }
            if (pd->ch[c].flags & CH_IRQ) {
                // An interrupt id: irq_boot checks it against the interrupt table.
                if (pd->ch[c].flags != (CH_VALID | CH_IRQ) || ip->ch[c].peer_id >= IMAGE_MAX_IRQS)
                    panic("image: bad interrupt id");
                continue;
            }
            if (ip->ch[c].peer >= npds || ip->ch[c].peer_id >= MOAT_MAX_CHANNELS)
                panic("image: channel peer out of range");
            pd->ch[c].peer = &pds[ip->ch[c].peer];
        }
        // The kernel prints names: a byte it would not print itself (a
        // newline, a control character) could forge a console line. The
        // tool refuses such names; a hand-made image gets '?' instead.
        for (unsigned k = 0; k < MOAT_NAME_LEN; k++) {
            char c = ip->name[k];
            pd->name[k] = c == '\0' || (c >= ' ' && c <= '~') ? c : '?';
        }
        pd->name[MOAT_NAME_LEN] = '\0';
        pd->index = (uint8_t)i;
        pd->passive = ip->passive;
        pd->ipcbuf = arch_phys(ip->ipcbuf_pa);
        pd->stack_lo = ip->stack_lo;
        pd->entry = ip->entry;
        pd->sp0 = ip->sp;
        pd->nreset = ip->nreset;
        pd->reset_pa = ip->reset_pa;
        pd->parent = NULL;
        if (ip->parent != IMAGE_NO_PARENT) {
            if (ip->parent >= npds || ip->parent == i || ip->child_id >= MOAT_MAX_CHANNELS)
                panic("image: bad parent");
            pd->parent = &pds[ip->parent];
            pd->child_id = ip->child_id;
        }
        for (unsigned c = 0; c < MOAT_MAX_CHANNELS; c++) {
            // ppc_call switches straight to the callee: it must outrank the caller.
            if ((pd->ch[c].flags & CH_PPC) && img->pd[ip->ch[c].peer].prio <= pd->prio)
                panic("image: call channel to a PD of lower or equal priority");
        }
        if (ip->budget_us == 0 || ip->budget_us > ip->period_us ||
            ip->period_us > IMAGE_MAX_PERIOD_US)
            panic("image: budget or period out of range");
        sched_sc_init(pd, ip->budget_us, ip->period_us);
        if (ip->domain >= IMAGE_MAX_DOMAINS || (img->ndomsched == 0 && ip->domain != 0))
            panic("image: domain out of range");
        pd->domain = ip->domain;
        if (ip->cpu >= img->ncpus)
            panic("image: a PD's cpu out of range");
        pd->cpu = ip->cpu;
        pd->fpu_off = ip->fpu == 0;
        _Static_assert(sizeof pd->cap == sizeof ip->cap, "image.h IMAGE_CAP_SLOTS");
        for (unsigned s = 0; s < IMAGE_CAP_SLOTS; s++) {
            if ((s == 0 && ip->cap[s]) || (ip->cap[s] && IMAGE_CAP_PD(ip->cap[s]) >= npds))
                panic("image: bad cspace entry");
            pd->cap[s] = ip->cap[s];
        }
        arch_pd_init(pd, ip->root_pa, ip->entry, ip->sp);
        pd->state = PD_RUNNABLE;
        if (cpu_of(pd) == this_cpu())
            sched_ready(pd); // the other cores queue theirs as they start (sched_start)
    }
#if MOAT_NCPUS > 1
    // Calls and control between cores: both ends are xcore, and the
    // kernel lock is on (lock.h).
    for (unsigned i = 0; i < npds; i++) {
        struct pd *pd = &pds[i];
        for (unsigned c = 0; c < MOAT_MAX_CHANNELS; c++) {
            struct pd *peer = pd->ch[c].peer;
            if ((pd->ch[c].flags & CH_PPC) && peer && peer->cpu != pd->cpu)
                pd->xcore = peer->xcore = true;
        }
        if (pd->parent && pd->parent->cpu != pd->cpu)
            pd->xcore = pd->parent->xcore = true;
        for (unsigned s = 0; s < IMAGE_CAP_SLOTS; s++) {
            struct pd *obj = &pds[IMAGE_CAP_PD(pd->cap[s])];
            if (pd->cap[s] && IMAGE_CAP_KIND(pd->cap[s]) == IMAGE_CAP_TCB && obj->cpu != pd->cpu)
                pd->xcore = obj->xcore = true;
        }
    }
    for (unsigned i = 0; i < npds; i++) {
        if (pds[i].xcore)
            kernel_locking = cpus[pds[i].cpu].locking = true;
    }
#endif
    // The fast paths' rights: the same, to a PD of the same domain and core,
    // neither end xcore.
    for (unsigned i = 0; i < npds; i++) {
        for (unsigned c = 0; c < MOAT_MAX_CHANNELS; c++) {
            struct chan *ch = &pds[i].ch[c];
            if (ch->flags & (CH_FAST_PPC | CH_FAST_NOTIFY))
                panic("image: kernel-only channel flags");
            if (!ch->peer || ch->peer->domain != pds[i].domain || ch->peer->cpu != pds[i].cpu ||
                ch->peer->xcore || pds[i].xcore)
                continue;
            if (ch->flags & CH_PPC)
                ch->flags |= CH_FAST_PPC;
            if (ch->flags & CH_NOTIFY)
                ch->flags |= CH_FAST_NOTIFY;
        }
    }
    return npds;
}

void
pd_fault(struct pd *pd, const char *what, word_t pc, word_t addr, const word_t msg[5])
{
    struct pd *parent = pd->parent;
    bool handled = parent && parent->state != PD_STOPPED && parent->state != PD_FAULTED;

    console_end(pd);
    trace_record(TRACE_FAULT, pd, handled ? parent : NULL, msg[0]);

    // A fault its parent handles is the parent's to report (Microkit's
    // monitor prints only the faults it gets); one nobody handles is
    // reported as Microkit's monitor reports it, so that people and scripts
    // that know Microkit read it at once. Debug kernels only (kdbg), as
    // Microkit's monitor prints in debug configurations only.
    if (!handled) {
        bool vm = msg[0] == FAULT_VM;
        kdbg("MON|ERROR: faulting PD: %s\n", pd->name);
        kdbg("MON|ERROR: %s: %s pc=0x%lx addr=0x%lx%s\n", vm ? "VMFault" : "UserException", what,
             pc, addr, vm ? (msg[3] ? " (instruction fault)" : " (data fault)") : "");
        // The pc and return address again, for `moat symbolize`, which
        // follows this line with their functions and lines.
        kdbg("MON|ERROR: pc=0x%lx ra=0x%lx (moat symbolize names their lines)\n", pc,
             arch_ret(pd));
        if (addr >= pd->stack_lo - PAGE_SIZE && addr < pd->stack_lo)
            kdbg("MON|ERROR: potential stack overflow, fault address within one page outside "
                 "of stack region (stack_size is %lu bytes)\n",
                 USER_STACK_TOP - pd->stack_lo);
        arch_pd_dump(pd);
    }
    ppc_abort(pd);
    svc_fault(pd);
    if (!handled) {
        pd->state = PD_STOPPED;
        arch_pd_stopped(pd);
        return;
    }
    for (unsigned i = 0; i < 5; i++)
        pd->fault[i] = msg[i];
    ppc_fault(pd, parent);
}

struct pd *
pd_child(const struct pd *parent, word_t id)
{
    for (unsigned i = 0; i < npds; i++) {
        if (pds[i].parent == parent && pds[i].child_id == id)
            return &pds[i];
    }
    return NULL;
}

void
pd_cancel(struct pd *pd)
{
    console_end(pd);
    if (pd == current)
        ASSERT(pd->state == PD_RUNNABLE && !pd->throttled && !pd->parked); // in no queue
    else if (pd->state == PD_RUNNABLE && pd->throttled)
        sched_unthrottle(pd);
    else if (pd->state == PD_RUNNABLE && pd->parked)
        pd->parked = false;
    else if (pd->state == PD_RUNNABLE && pd->xwake)
        pd->xwake = 0; // made runnable by another core, and not queued yet
    else if (pd->state == PD_RUNNABLE)
        sched_remove(pd);
    else if (pd->state == PD_CALL || pd->state == PD_FAULTED)
        ppc_withdraw(pd);
    else if (pd->state == PD_CTLWAIT)
        arch_result(pd, 0) = E_DEAD; // its request of another core is not carried out
    ppc_abort(pd);
}

void
pd_renew(struct pd *pd)
{
    ASSERT(pd->caller == NULL && pd->callee == NULL && pd->callq == NULL);
    svc_renew(pd);
    alarm_set(pd, 0);
    console_renew(pd);      // nor asked to be told of console input
    irq_release(pd);        // the new incarnation knows nothing of unacknowledged interrupts
    pd->reply_lost = false; // nor of the call the old one was serving
    pd->resume_wait = 0;
    pd->refusals = 0; // its refusals are said again
}

// pd_control on the PD's own core (a child, or a PD a TCB capability names;
// the current PD only stops or resumes itself).
static void
control(struct pd *pd, word_t op, word_t entry)
{
    // Stop and resume are idempotent: stopping a stopped PD must keep what
    // its resume will do (wait again, or go on where it stopped).
    if (op == PD_CTL_RESUME && pd->state != PD_STOPPED && pd->state != PD_FAULTED)
        return; // already going: nothing to do
    if (op == PD_CTL_STOP && pd->state == PD_STOPPED)
        return;
    uint8_t waiting = pd->state == PD_RECV || pd->state == PD_WAIT ? pd->state : 0;
    pd_cancel(pd);
    switch (op) {
    case PD_CTL_STOP:
        // A PD stopped while it waited waits again when resumed; one
        // stopped in a call is resumed with the call failed (E_DEAD).
        pd->resume_wait = waiting;
        pd->state = PD_STOPPED;
        arch_pd_stopped(pd);
        pd_check(pd);
        return;
    case PD_CTL_RESUME:
        if (pd->resume_wait) {
            ipc_rewait(pd, pd->resume_wait);
            pd->resume_wait = 0;
            pd_check(pd);
            return;
        }
        break;
    case PD_CTL_RESTART:
        pd_renew(pd);
        arch_pc(pd) = entry;
        break;
    case PD_CTL_RESET:
        pd_renew(pd);
        pd_reset(pd);
        break;
    }
    pd->resume_wait = 0;
    pd->state = PD_RUNNABLE;
    if (pd != current) // a PD resetting itself runs on, from its entry point
        sched_ready(pd);
    pd_check(pd);
}

void
pd_control(struct pd *by, struct pd *pd, word_t op, word_t entry)
{
#if MOAT_NCPUS > 1
    if (cpu_of(pd) != this_cpu()) {
        // Only its core may take it out of what it does (it may be running
        // there): ask, and wait. ipc_remote_take carries it out.
        ASSERT(by == current && by != pd && kernel_locking);
        by->state = PD_CTLWAIT;
        by->ctl_target = pd;
        by->ctl_op = (uint8_t)op;
        by->ctl_entry = entry;
        ipc_remote_post(pd);
        return;
    }
#else
    (void)by;
#endif
    control(pd, op, entry);
}

// Is pd in the queue of callers (and faulted children) waiting for `to`?
static bool
queued_for(const struct pd *pd, const struct pd *to)
{
    for (const struct pd *q = to->callq; q; q = q->next) {
        if (q == pd)
            return true;
    }
    return false;
}

void
pd_check(const struct pd *pd)
{
    ASSERT(!pd->reply_lost || pd->caller == NULL);
    ASSERT(!pd->resume_wait || pd->state == PD_STOPPED);
    ASSERT(!pd->throttled || pd->state == PD_RUNNABLE);
    ASSERT(!pd->parked || (pd->state == PD_RUNNABLE && !pd->throttled));
    ASSERT(!pd->xwake || (pd->state == PD_RUNNABLE && !pd->throttled && !pd->parked));
    ASSERT(!(pd->events & PD_EV_XDOM) || pd->caller);
    ASSERT(pd->sc.count >= 1 && pd->sc.count <= SC_REFILLS);
    if (pd->caller) {
        ASSERT(pd->caller->callee == pd);
        ASSERT(pd->caller->state == PD_CALL || pd->caller->state == PD_FAULTED);
    }
    switch (pd->state) {
    case PD_RECV:
        // A wait takes what is there: nothing may be left waiting for it.
        ASSERT(!pd->caller && !pd->callee && !pd->pending && !pd->callq && !pd->events);
        break;
    case PD_WAIT:
        // It takes notifications only: calls, faults and events may wait.
        ASSERT(!pd->callee && !pd->pending);
        break;
    case PD_CALL:
        ASSERT(pd->callee && (pd->callee->caller == pd || queued_for(pd, pd->callee)));
        break;
    case PD_FAULTED:
        ASSERT(!pd->callee || (pd->callee == pd->parent &&
                               (pd->parent->caller == pd || queued_for(pd, pd->parent))));
        break;
    case PD_RUNNABLE:
    case PD_STOPPED:
        ASSERT(!pd->callee);
        break;
    case PD_CTLWAIT:
        ASSERT(!pd->callee && pd->ctl_target && cpu_of(pd->ctl_target) != cpu_of(pd));
        break;
    default:
        panic("pd_check: PD in no state");
    }
}

void
pd_reset(struct pd *pd)
{
    const struct image_reset *r = pd->nreset ? arch_phys(pd->reset_pa) : NULL;

    for (uint32_t i = 0; i < pd->nreset; i++) {
        uint64_t *dst = arch_phys(r[i].dst_pa);
        const uint64_t *src = r[i].src_pa ? arch_phys(r[i].src_pa) : NULL;

        for (uint64_t w = 0; w < r[i].size / sizeof(uint64_t); w++)
            dst[w] = src ? src[w] : 0;
    }
    arch_pd_stopped(pd);
    arch_pd_regs(pd, pd->entry, pd->sp0);
    pd->pending = 0;
#if MOAT_NCPUS > 1
    // What other cores sent the last incarnation and this core has not
    // taken yet goes with it, as its pending bits do.
    __atomic_store_n(&pd->remote_pending, 0, __ATOMIC_SEQ_CST);
#endif
}
