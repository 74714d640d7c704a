// SPDX-License-Identifier: BSD-2-Clause
//
// The PD table. The tool decided everything about a PD (its page tables,
// entry point, stack, channels); pd_boot copies that into pds[] and makes
// every PD runnable. After boot nothing is allocated: a PD lives in its slot
// for the life of the system.
#include "pd.h"

#include "moat/image.h"

#include "arch.h"
#include "ipc.h"
#include "sched.h"

struct pd pds[MOAT_MAX_PDS];
unsigned npds;

unsigned
pd_boot(const struct image_hdr *img)
{
    if (img->magic != IMAGE_MAGIC || img->version != IMAGE_VERSION)
        panic("no moat image after the kernel (rebuild it with the moat tool of this kernel)");
    if (img->npds == 0 || img->npds > MOAT_MAX_PDS)
        panic("image: bad number of protection domains");
    npds = img->npds;
    for (unsigned i = 0; i < npds; i++) {
        if (img->pd[i].prio > MOAT_MAX_PRIO)
            panic("image: priority out of range");
    }
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
        pd->prio = ip->prio;
        for (unsigned k = 0; k < MOAT_NAME_LEN; k++)
            pd->name[k] = ip->name[k];
        pd->name[MOAT_NAME_LEN] = '\0';
        pd->index = (uint8_t)i;
        pd->passive = ip->passive;
        pd->ipcbuf = arch_phys(ip->ipcbuf_pa);
        pd->stack_lo = ip->stack_lo;
        for (unsigned c = 0; c < MOAT_MAX_CHANNELS; c++) {
            // ppc_call switches straight to the callee: it must outrank the caller.
            if ((pd->ch[c].flags & CH_PPC) && img->pd[ip->ch[c].peer].prio <= pd->prio)
                panic("image: call channel to a PD of lower or equal priority");
        }
        arch_pd_init(pd, ip->root_pa, ip->entry, ip->sp);
        pd->state = PD_RUNNABLE;
        sched_ready(pd);
    }
    return npds;
}

void
pd_fault(struct pd *pd, const char *what, word_t pc, word_t addr)
{
    kprintf("pd '%s' fault: %s pc=%lx addr=%lx\n", pd->name, what, pc, addr);
    if (addr >= pd->stack_lo - PAGE_SIZE && addr < pd->stack_lo)
        kprintf("pd '%s': the address is in the stack guard page: stack overflow? "
                "(stack_size is %lu bytes)\n",
                pd->name, USER_STACK_TOP - pd->stack_lo);
    ppc_abort(pd);
    pd->state = PD_STOPPED;
    arch_pd_stopped(pd);
}
