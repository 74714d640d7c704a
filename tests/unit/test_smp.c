// SPDX-License-Identifier: BSD-2-Clause
//
// The SMP kernel's cross-core paths under ThreadSanitizer (make test-unit
// builds this with -DMOAT_NCPUS=4 -DMOAT_HOST_SMP -fsanitize=thread): four
// threads are four cores, each the owner of one PD, PD i notifying PD
// i + 1 (mod 4) on another core ROUNDS times with the kernel's own
// ntfn_signal (which sends across cores), and taking what the others sent
// its PD with ipc_remote_take, as the core's interrupt does, and going
// quiet and waking as an idle core does; the console's lock is taken by all
// at once (kprintf). ThreadSanitizer reports any
// access to shared state that the atomics and locks do not order; the test
// also checks that no notification is lost (each PD gets its sender's bit,
// and the last round's bit is there at the end). Then calls between cores
// under the kernel lock (lock.h, as every general path takes it): two
// callers on cores 0 and 1 call one server on core 2 CALLS times each with
// the kernel's ppc_call, and the server's core takes each call as its
// interrupt would (ipc_remote_take), replies (ppc_reply) and waits again
// (ipc_wait, which takes the next queued caller); each caller's core takes
// its reply so, and checks it. Each core recorded its side of those calls
// in its own IPC timeline ring, stamped with the core (trace.h). Not a
// cmocka program: the fakes of the one-core unit tests are not made for
// threads.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "cpu.h"
#include "ipc.h"
#include "lock.h"
#include "pd.h"
#include "sched.h"
#include "trace.h"

#define ROUNDS 20000

_Thread_local struct cpu *host_cpu;

static unsigned kicks[MOAT_NCPUS];

// The IPI: the receiving thread polls for it.
void
arch_cpu_kick(unsigned cpu)
{
    __atomic_add_fetch(&kicks[cpu], 1, __ATOMIC_SEQ_CST);
}

static unsigned long got[MOAT_NCPUS];

static void *
core(void *arg)
{
    unsigned i = (unsigned)(uintptr_t)arg;
    struct pd *mine = &pds[i], *next = &pds[(i + 1) % MOAT_NCPUS];

    host_cpu = &cpus[i];
    for (unsigned r = 0; r < ROUNDS; r++) {
        ntfn_signal(next, 1UL << i); // across cores: remote_signal
        if (__atomic_load_n(&kicks[i], __ATOMIC_SEQ_CST)) {
            __atomic_store_n(&kicks[i], 0, __ATOMIC_SEQ_CST);
            ipc_remote_take();
        }
        if (mine->pending) { // its own core delivers to it (ntfn_signal, locally)
            got[i]++;
            mine->pending = 0;
        }
        if (r % 64 == 0 && ipc_idle_quiet() >= 0) // as arch_idle: quiet, then awake
            ipc_idle_awake();
        if (r % 5000 == 0)
            kprintf("core %u: round %u\n", i, r);
    }
    return NULL;
}

#define CALLS 5000
#define SERVER 2

static int call_fail;

// The kick for this core, taken under the kernel lock.
static void
take_kicks(unsigned i)
{
    if (__atomic_exchange_n(&kicks[i], 0, __ATOMIC_SEQ_CST))
        ipc_remote_take();
}

static void *
caller(void *arg)
{
    unsigned i = (unsigned)(uintptr_t)arg;
    struct pd *me = &pds[i], *server = &pds[SERVER];

    host_cpu = &cpus[i];
    for (word_t r = 0; r < CALLS; r++) {
        const word_t mr[4] = {r, i, 0, 0};
        kernel_lock();
        current = me;
        ppc_call(me, server, i, r << 12, mr);
        current = NULL; // it waits: the core idles
        kernel_unlock();
        for (bool back = false; !back;) {
            kernel_lock();
            take_kicks(i);
            back = me->state == PD_RUNNABLE;
            if (back) { // queued by the reply's wake-up: it runs
                sched_remove(me);
                current = me;
                pd_check(me);
                if (arch_result(me, 0) != E_OK || arch_result(me, 1) != (r + 1) << 12 ||
                    arch_result(me, 2) != r || arch_result(me, 3) != i)
                    call_fail = 1;
            }
            kernel_unlock();
        }
    }
    return NULL;
}

static void *
server_core(void *arg)
{
    struct pd *s = &pds[SERVER];

    (void)arg;
    host_cpu = &cpus[SERVER];
    for (unsigned served = 0; served < 2 * CALLS;) {
        kernel_lock();
        take_kicks(SERVER);
        if (current != s && s->state == PD_RUNNABLE) { // woken by a call from another core
            sched_remove(s);
            current = s;
        }
        if (current == s) {
            const word_t mr[4] = {arch_result(s, 2), arch_result(s, 3), 0, 0};
            if (!s->caller || arch_result(s, 6) != (BADGE_PPC | s->caller->index))
                call_fail = 1;
            ppc_reply(s, arch_result(s, 1) + (1 << 12), mr);
            served++;
            ipc_wait(s); // the next queued call, or wait
            pd_check(s);
            if (s->state != PD_RUNNABLE)
                current = NULL;
        }
        kernel_unlock();
    }
    return NULL;
}

// Two callers of two cores calling one server of a third at once.
static int
calls_across_cores(void)
{
    pthread_t t[3];

    memset(pds, 0, sizeof(pds));
    memset(kicks, 0, sizeof(kicks));
    sched_init();
    for (unsigned i = 0; i < MOAT_NCPUS; i++) {
        cpus[i].cur = NULL;
        pds[i].index = (uint8_t)i;
        pds[i].cpu = (uint8_t)i;
        pds[i].prio = i == SERVER ? 20 : 10;
        pds[i].rank = i == SERVER ? 1 : 0;
        pds[i].xcore = true;
        pds[i].sc.count = 1;
        pds[i].state = i == SERVER ? PD_RECV : PD_RUNNABLE;
        snprintf(pds[i].name, sizeof pds[i].name, "p%u", i);
    }
    kernel_locking = true;
    for (unsigned i = 0; i < MOAT_NCPUS; i++)
        cpus[i].locking = true;
    pthread_create(&t[0], NULL, caller, (void *)0);
    pthread_create(&t[1], NULL, caller, (void *)1);
    pthread_create(&t[2], NULL, server_core, NULL);
    for (unsigned i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return call_fail || pds[SERVER].state != PD_RECV || pds[SERVER].callq;
}

// A stop and a resume of a PD of another core, step by step: the asking
// PD waits (PD_CTLWAIT) until the target's core has carried it out at its
// kick; then its own core queues it again. And one asked by a PD that is
// stopped before the target's core gets to it: not carried out, E_DEAD.
static int
control_across_cores(void)
{
    struct pd *by = &pds[0], *t = &pds[1];
    int fail = 0;

    memset(pds, 0, sizeof(pds));
    memset(kicks, 0, sizeof(kicks));
    for (unsigned i = 0; i < MOAT_NCPUS; i++) {
        host_cpu = &cpus[i];
        cpus[i].cur = NULL;
        cpus[i].remote = 0;
        cpus[i].locking = true;
        sched_init();
        pds[i].index = (uint8_t)i;
        pds[i].cpu = (uint8_t)i;
        pds[i].prio = 10;
        pds[i].xcore = true;
        pds[i].sc.count = 1;
        pds[i].state = PD_RUNNABLE;
    }
    host_cpu = &cpus[1];
    current = t; // running on core 1
    host_cpu = &cpus[0];
    current = by;
    pd_control(by, t, PD_CTL_STOP, 0);
    fail |= by->state != PD_CTLWAIT || t->state != PD_RUNNABLE || !kicks[1];
    current = NULL;
    host_cpu = &cpus[1];
    take_kicks(1); // core 1 stops it, though it runs there, and wakes `by` on core 0
    fail |= t->state != PD_STOPPED || by->state != PD_RUNNABLE || by->xwake != XWAKE_BACK;
    host_cpu = &cpus[0];
    take_kicks(0);
    fail |= by->xwake != 0 || arch_result(by, 0) != E_OK || sched_top() != 10;
    sched_remove(by);
    current = by;
    pd_control(by, t, PD_CTL_RESUME, 0); // asked, and then `by` is itself stopped
    current = NULL;
    pd_cancel(by);
    by->state = PD_STOPPED;
    host_cpu = &cpus[1];
    take_kicks(1);
    fail |= t->state != PD_STOPPED || (long)arch_result(by, 0) != E_DEAD;
    pd_check(t);
    pd_check(by);
    return fail;
}

// Each core's ring holds its own events only: the callers' calls on cores
// 0 and 1, the server's replies on its core.
static int
rings_per_core(void)
{
    int fail = 0;

    for (unsigned c = 0; c <= SERVER; c++) {
        unsigned want = c == SERVER ? TRACE_REPLY : TRACE_CALL, n = 0, other = 0;
        host_cpu = &cpus[c];
        uint64_t held = trace_count() < TRACE_EVENTS ? trace_count() : TRACE_EVENTS;
        for (unsigned i = 0; i < held; i++) {
            const struct trace_event *e = trace_get(i);
            other += e->cpu != c;
            n += (e->kind & ~TRACE_SWITCHED) == want && e->pd == c;
        }
        if (n == 0 || other) {
            printf("# core %u's ring: %u of its PD's %s, %u events of other cores\n", c, n,
                   want == TRACE_CALL ? "calls" : "replies", other);
            fail = 1;
        }
    }
    return fail;
}

int
main(void)
{
    pthread_t t[MOAT_NCPUS];
    int fail = 0;

    memset(pds, 0, sizeof(pds));
    npds = ncpus = MOAT_NCPUS;
    host_cpu = &cpus[0];
    sched_init();
    for (unsigned i = 0; i < MOAT_NCPUS; i++) {
        pds[i].index = (uint8_t)i;
        pds[i].cpu = (uint8_t)i;
        pds[i].state = PD_RUNNABLE; // running: a notification only sets pending
        snprintf(pds[i].name, sizeof pds[i].name, "p%u", i);
    }
    for (unsigned i = 0; i < MOAT_NCPUS; i++)
        pthread_create(&t[i], NULL, core, (void *)(uintptr_t)i);
    for (unsigned i = 0; i < MOAT_NCPUS; i++)
        pthread_join(t[i], NULL);
    for (unsigned i = 0; i < MOAT_NCPUS; i++) { // what is still in flight
        host_cpu = &cpus[i];
        ipc_remote_take();
        unsigned from = (i + MOAT_NCPUS - 1) % MOAT_NCPUS;
        if (pds[i].pending)
            got[i]++;
        if (got[i] == 0 || (pds[i].pending & ~(1UL << from))) {
            printf("# p%u got %lu deliveries, pending %#lx\n", i, got[i],
                   (unsigned long)pds[i].pending);
            fail = 1;
        }
    }
    // TAP as cmocka's: ThreadSanitizer's reports come before, and make the
    // exit status 66, which test-unit counts as a failure.
    printf("1..4\n%s 1 - cross-core notifications, %u cores, %u each, none lost [smp, tsan]\n",
           fail ? "not ok" : "ok", MOAT_NCPUS, ROUNDS);
    int cfail = calls_across_cores();
    printf("%s 2 - calls across cores, 2 callers of one server, %u each, under the kernel "
           "lock [smp, tsan]\n", cfail ? "not ok" : "ok", CALLS);
    int tfail = rings_per_core(); // before control_across_cores' sched_init() empties them
    int ctlfail = control_across_cores();
    printf("%s 3 - stop and resume of a PD of another core, carried out by its core [smp]\n",
           ctlfail ? "not ok" : "ok");
    printf("%s 4 - the IPC timeline: a ring per core, each with its own PDs' calls or "
           "replies only [smp, tsan]\n", tfail ? "not ok" : "ok");
    printf("# %s - smp\n", fail || cfail || ctlfail || tfail ? "not ok" : "ok");
    return fail || cfail || ctlfail || tfail;
}
