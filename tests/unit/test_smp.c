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
// and the last round's bit is there at the end). Not a cmocka program: the
// fakes of the one-core unit tests are not made for threads.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "cpu.h"
#include "ipc.h"
#include "pd.h"
#include "sched.h"

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
    printf("1..1\n%s 1 - cross-core notifications, %u cores, %u each, none lost [smp, tsan]\n",
           fail ? "not ok" : "ok", MOAT_NCPUS, ROUNDS);
    printf("# %s - smp\n", fail ? "not ok" : "ok");
    return fail;
}
