// SPDX-License-Identifier: BSD-2-Clause
//
// Boot order, one step a line. The arch entry code jumps here on the kernel
// stack with paging on; kmain never returns: it ends in the first PD.
#include "moat/image.h"

#include "arch.h"
#include "console.h"
#include "irq.h"
#include "pd.h"
#include "sched.h"
#include "svc.h"

struct pd *kmain(void);

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

struct pd *
kmain(void)
{
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
    return sched_choose();
}
