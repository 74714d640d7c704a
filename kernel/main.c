// SPDX-License-Identifier: BSD-2-Clause
//
// Boot order, one step a line. The arch entry code jumps here on the kernel
// stack with paging on; kmain never returns: it ends in the first PD.
#include "arch.h"
#include "irq.h"
#include "pd.h"
#include "sched.h"
#include "svc.h"

struct pd *kmain(void);

struct pd *
kmain(void)
{
    const struct image_hdr *img = arch_init();

    kprintf("moat: booting\n");
    sched_init();
    unsigned n = pd_boot(img);
    irq_boot(img);
    svc_boot(img);
    kprintf("moat: %u protection domains, entering user space\n", n);
    return sched_choose();
}
