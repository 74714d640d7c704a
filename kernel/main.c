// SPDX-License-Identifier: BSD-2-Clause
//
// Boot order, one step a line. The arch entry code jumps here on the kernel
// stack with paging on; kmain never returns: it ends in the first PD.
#include "moat/image.h"

#include "arch.h"
#include "console.h"
#include "ipc.h"
#include "irq.h"
#include "lock.h"
#include "pd.h"
#include "sched.h"
#include "svc.h"

struct pd *kmain(unsigned long hart);
struct pd *ksecondary(void);

#ifdef MOAT_TEST_STACK_OVERFLOW
// Only in the kernel that tests/kernel builds to check the stack's guard
// page (build/kernel-debug-stack-overflow, never in the SDK): recursion far
// deeper than the stack, 256 bytes a frame, that no compiler can fold away.
static int
overflow(volatile int *p, int depth)
{
    volatile int frame[64];

    frame[0] = *p + 1;
    if (depth == 0)
        return frame[0];
    return overflow(frame, depth - 1) + frame[1];
}
#endif

#if MOAT_NCPUS > 1
extern char kstack_top[]; // entry.S: the boot hart's stack
#endif

// On the boot hart (OpenSBI's choice): the whole boot, then, on an SMP
// kernel, the other cores are started, and it runs its own core's PDs.
struct pd *
kmain(unsigned long hart)
{
#if MOAT_NCPUS > 1
    if (hart >= MOAT_NCPUS)
        panic("booted on a hart beyond this kernel's cores");
    cpus[hart].kstack_top = kstack_top;
    __asm__ volatile("mv tp, %0" : : "r"(&cpus[hart])); // this_cpu() from here on
#else
    (void)hart;
#endif
    const struct image_hdr *img = arch_init();

    kdbg("moat: booting\n");
#ifdef MOAT_TEST_STACK_OVERFLOW
    volatile int start = 0;
    kprintf("moat: overflowing the kernel stack (MOAT_TEST_STACK_OVERFLOW)\n");
    overflow(&start, 1 << 20);
#endif
    sched_init();
    sched_domains_boot(img);
    unsigned n = pd_boot(img);
    irq_boot(img);
    console_input_boot(img->flags & IMAGE_F_CONSOLE_INPUT);
    svc_boot(img);
    kdbg("moat: %u protection domains, entering user space\n", n);
#if MOAT_NCPUS > 1
    if (ncpus > 1)
        kdbg("moat: starting %u cores\n", ncpus);
    arch_cpus_start(ncpus);
    kernel_lock(); // arch_resume releases it
    cpu_kicked(); // a PD of another core may have run and notified meanwhile
#endif
    return sched_choose();
}

#if MOAT_NCPUS > 1
// Every other core, once the boot hart has built the PD table: its own CSRs,
// its own PDs into its own run queue, then the first of them.
struct pd *
ksecondary(void)
{
    arch_cpu_enter();
    irq_start();
    console_input_start();
    sched_start();
    arch_cpu_up();
    kernel_lock(); // arch_resume releases it
    cpu_kicked(); // a PD of another core may have run and notified meanwhile
    return sched_choose();
}
#endif
