// SPDX-License-Identifier: BSD-2-Clause
//
// Test fixtures: PD table set-up, whole-state snapshots and the run queue's
// order (see world.h). The snapshot compares every byte of pds[] and of the
// IPC buffers, so a rejected system call that touched any PD field (state,
// pending bits, queue links, registers) is caught, not only the fields a test
// thought of.
#include "world.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arch.h"
#include "console.h"
#include "cpu.h"
#include "fake_arch.h"
#include "irq.h"
#include "sched.h"
#include "syscall.h"
#ifdef WORLD_FASTPATH
#include "fastpath.h"
#endif

word_t world_ipc[MOAT_MAX_PDS][WORLD_IPC_WORDS];

static struct {
    struct pd pds[MOAT_MAX_PDS];
    word_t ipc[MOAT_MAX_PDS][WORLD_IPC_WORDS];
    unsigned npds;
    struct pd *cur;
    int top;
    struct fake_arch fake;
    unsigned char phys[WORLD_PHYS_MAX]; // the test's "physical" memory, if it fits
    bool phys_saved;
} snap;

int
world_setup(void **state)
{
    (void)state;
    memset(pds, 0, sizeof(pds));
    memset(console_lines, 0, sizeof(console_lines));
    memset(world_ipc, 0, sizeof(world_ipc));
    memset(irqs, 0, sizeof(irqs));
    npds = 0;
    fake_reset();
    sched_init();
    return 0;
}

struct pd *
world_pd(unsigned i, const char *name, unsigned prio)
{
    struct pd *pd = &pds[i];

    assert_true(i < MOAT_MAX_PDS && prio <= MOAT_MAX_PRIO);
    memset(pd, 0, sizeof(*pd));
    for (unsigned r = 0; r < 32; r++)
        pd->arch.regs.x[r] = (word_t)i << 8 | r;
    pd->state = PD_RUNNABLE;
    pd->prio = (uint8_t)prio;
    pd->index = (uint8_t)i;
    pd->ipcbuf = world_ipc[i];
    pd->stack_lo = USER_STACK_TOP - STACK_SIZE_DEF;
    snprintf(pd->name, sizeof(pd->name), "%s", name);
    sched_sc_init(pd, 1000, 1000); // the tool's default: a full 1 ms slice
    if (i >= npds)
        npds = i + 1;
    world_rerank();
    return pd;
}

void
world_rerank(void)
{
    sched_ranks(npds);
    // The queues move with their PDs' new ranks (the order is the same).
    for (unsigned n = 0; n < MOAT_NCPUS; n++) {
        struct cpu *c = &cpus[n];
        struct runq q[NRANKS] = {0};

        c->map = 0;
        for (unsigned r = 0; r < NRANKS; r++) {
            if (!c->q[r].head)
                continue;
            unsigned to = c->q[r].head->rank;
            q[to] = c->q[r];
            c->map |= 1UL << to;
        }
        memcpy(c->q, q, sizeof(q));
    }
}

// struct chan names its peer by index in pds[] or by pointer, depending on
// the kernel version; _Generic picks the right accessor, so the tests
// compile against either.
static void
peer_set_ptr(void *field, struct pd *b)
{
    memcpy(field, &b, sizeof(b));
}

static void
peer_set_index(void *field, struct pd *b)
{
    uint8_t i = b->index;

    memcpy(field, &i, sizeof(i));
}

static struct pd *
peer_get_ptr(const void *field)
{
    struct pd *p;

    memcpy(&p, field, sizeof(p));
    return p;
}

static struct pd *
peer_get_index(const void *field)
{
    uint8_t i;

    memcpy(&i, field, sizeof(i));
    return &pds[i];
}

#define PEER_SET(c, b)                                                                             \
    _Generic((c)->peer, struct pd *: peer_set_ptr, default: peer_set_index)(&(c)->peer, b)
#define PEER_GET(c)                                                                                \
    _Generic((c)->peer, struct pd *: peer_get_ptr, default: peer_get_index)(&(c)->peer)

void
world_end(struct pd *a, unsigned id, unsigned flags, struct pd *b, unsigned peer_id)
{
    assert_true(id < MOAT_MAX_CHANNELS && peer_id < MOAT_MAX_CHANNELS);
    // As pd_boot: the fast paths' rights on a channel within one domain.
    if ((flags & CH_PPC) && a->domain == b->domain)
        flags |= CH_FAST_PPC;
    if ((flags & CH_NOTIFY) && a->domain == b->domain)
        flags |= CH_FAST_NOTIFY;
    a->ch[id].flags = (uint8_t)flags;
    PEER_SET(&a->ch[id], b);
    a->ch[id].peer_id = (uint8_t)peer_id;
}

struct pd *
world_waiting(unsigned i, const char *name, unsigned prio)
{
    struct pd *pd = world_pd(i, name, prio);

    pd->state = PD_RECV;
    return pd;
}

struct pd *
world_running(unsigned i, const char *name, unsigned prio)
{
    struct pd *pd = world_pd(i, name, prio);

    sched_ready(pd);
    assert_ptr_equal(sched_choose(), pd);
    return pd;
}

void
world_notify_chan(struct pd *a, unsigned id, struct pd *b, unsigned peer_id)
{
    world_end(a, id, CH_VALID | CH_NOTIFY, b, peer_id);
    world_end(b, peer_id, CH_VALID | CH_NOTIFY, a, id);
}

void
world_call_chan(struct pd *caller, unsigned id, struct pd *callee, unsigned peer_id)
{
    world_end(caller, id, CH_VALID | CH_NOTIFY | CH_PPC, callee, peer_id);
    world_end(callee, peer_id, CH_VALID | CH_NOTIFY | CH_CALLEE, caller, id);
}

struct pd *
world_peer(const struct pd *a, unsigned id)
{
    return PEER_GET(&a->ch[id]);
}

struct pd *
world_syscall(word_t a0, word_t a1, word_t a2, word_t a3, word_t a4, word_t a5, word_t nr)
{
#ifdef WORLD_FASTPATH
    // As trap.S: five numbers go to the fast path, which falls back to
    // syscall() itself; the rest go to syscall() and then arch_resume.
    _Static_assert(offsetof(struct pd, arch.regs) == 0, "regs -> pd");
    struct regs *r;

    if (nr == SYS_CALL)
        r = fastpath_call(a0, a1, a2, a3, a4, a5);
    else if (nr == SYS_REPLY_RECV)
        r = fastpath_reply_recv(a0, a1, a2, a3, a4, a5);
    else if (nr == SYS_NOTIFY)
        r = fastpath_notify(a0);
    else if (nr == SYS_IPC)
        r = fastpath_ipc(a0, a1, a2, a3, a4, a5);
    else if (nr == SYS_RECV)
        r = fastpath_recv(a0);
    else if (nr == SYS_IRQ_ACK)
        r = fastpath_irq_ack(a0);
    else
        r = arch_resume(syscall(a0, a1, a2, a3, a4, a5, nr));
    return (struct pd *)r;
#else
    return syscall(a0, a1, a2, a3, a4, a5, nr);
#endif
}

struct pd *
world_interrupt(void)
{
#ifdef WORLD_FASTPATH
    return (struct pd *)fastpath_irq();
#else
    irq_interrupt(arch_irq_claim());
    return sched_choose();
#endif
}

word_t *
world_mr(struct pd *pd, unsigned i)
{
    return &pd->ipcbuf[IPCBUF_MR_OFFSET / sizeof(word_t) + i];
}

void
world_snap(void)
{
    memcpy(snap.pds, pds, sizeof(pds));
    memcpy(snap.ipc, world_ipc, sizeof(world_ipc));
    snap.npds = npds;
    snap.cur = current;
    snap.top = sched_top();
    snap.fake = fake;
    snap.phys_saved = fake.phys_mem && fake.phys_size <= sizeof(snap.phys);
    if (snap.phys_saved)
        memcpy(snap.phys, fake.phys_mem, fake.phys_size);
}

#define SAME(what, now, then)                                                                      \
    do {                                                                                           \
        if ((long long)(now) != (long long)(then))                                                 \
            fail_msg("line %d: %s changed: %lld, was %lld", line, what, (long long)(now),           \
                     (long long)(then));                                                           \
    } while (0)

void
world_unchanged_at(int line, struct pd *pd, word_t a0)
{
    arch_result(&snap.pds[pd->index], 0) = a0;
    // A refusal's count of console lines (debug kernels) is not state a
    // refused call may not change: it is what makes the call said or not.
    for (unsigned i = 0; i < MOAT_MAX_PDS; i++)
        snap.pds[i].refusals = pds[i].refusals;
    for (unsigned i = 0; i < MOAT_MAX_PDS; i++) {
        if (memcmp(&snap.pds[i], &pds[i], sizeof(pds[i])) != 0) {
            const struct pd *o = &snap.pds[i], *n = &pds[i];

            fail_msg("line %d: pd %u '%s' changed: state %u->%u pending %#lx->%#lx "
                     "a0 %#lx->%#lx next %p->%p caller %p->%p callq %p->%p",
                     line, i, n->name, o->state, n->state, (unsigned long)o->pending,
                     (unsigned long)n->pending, (unsigned long)arch_result(o, 0),
                     (unsigned long)arch_result(n, 0), (void *)o->next, (void *)n->next,
                     (void *)o->caller, (void *)n->caller, (void *)o->callq, (void *)n->callq);
        }
    }
    if (memcmp(snap.ipc, world_ipc, sizeof(world_ipc)) != 0)
        fail_msg("line %d: an IPC buffer changed", line);
    SAME("npds", npds, snap.npds);
    SAME("current", (uintptr_t)current, (uintptr_t)snap.cur);
    SAME("sched_top()", sched_top(), snap.top);
    SAME("timer armed", fake.timer_armed, snap.fake.timer_armed);
    SAME("timer arms", fake.timer_arms, snap.fake.timer_arms);
    SAME("timer disarms", fake.timer_disarms, snap.fake.timer_disarms);
    SAME("switches", fake.switches, snap.fake.switches);
    SAME("stopped", fake.stopped, snap.fake.stopped);
    SAME("halts", fake.halts, snap.fake.halts);
    SAME("window maps", fake.window_maps, snap.fake.window_maps);
    for (unsigned i = 0; i < fake.nwindows; i++)
        SAME("a window's mapping", fake.windows[i].write, snap.fake.windows[i].write);
    if (snap.phys_saved && memcmp(snap.phys, fake.phys_mem, fake.phys_size) != 0)
        fail_msg("line %d: physical memory changed", line);
}

const char *
world_queue(void)
{
    static char buf[MOAT_MAX_PDS * (MOAT_NAME_LEN + 1) + 1];
    size_t len = 0;
    struct pd *pd;

    buf[0] = '\0';
    if (current)
        current->state = PD_RECV; // take it out of the way
    current = NULL;
    for (unsigned n = 0; (pd = sched_choose()) != NULL; n++) {
        if (n == MOAT_MAX_PDS)
            fail_msg("run queue longer than the PD table: a loop?");
        len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? " " : "", pd->name);
        pd->state = PD_RECV;
    }
    return buf;
}
