// SPDX-License-Identifier: BSD-2-Clause
//
// Interrupt ownership and delivery (see irq.h). The mask-until-ack rule is
// the interrupt controller's own: the arch layer claims a source when it
// fires and completes it only on the owner's SYS_IRQ_ACK.
#include "irq.h"

#include "moat/image.h"

#include "arch.h"
#include "console.h"
#include "cpu.h"
#include "ipc.h"
#include "pd.h"
#include "trace.h"

struct irq irqs[IMAGE_MAX_IRQS];

void
irq_boot(const struct image_hdr *img)
{
    for (unsigned c = 0; c < MOAT_NCPUS; c++)
        cpus[c].nirqs = 0;
    for (unsigned s = 0; s < IMAGE_MAX_IRQS; s++) {
        const struct image_irq *ii = &img->irq[s];

        irqs[s].pd = NULL;
        if (!ii->valid)
            continue;
        if (s == 0 || ii->pd >= npds || ii->id >= MOAT_MAX_CHANNELS)
            panic("image: bad interrupt entry");
        const struct chan *c = &pds[ii->pd].ch[ii->id];
        if (c->flags != (CH_VALID | CH_IRQ) || c->peer_id != s)
            panic("image: interrupt entry does not match its PD's id");
        irqs[s].pd = &pds[ii->pd];
        irqs[s].id = ii->id;
        irqs[s].edge = ii->edge;
        cpu_of(&pds[ii->pd])->nirqs++;
    }
    irq_start();
}

// Each core enables its own PDs' sources as it starts: on an SMP kernel,
// OpenSBI's start of a hart clears that hart's PLIC enables, so the boot
// core cannot do it for the others.
void
irq_start(void)
{
    for (unsigned s = 1; s < IMAGE_MAX_IRQS; s++) {
        if (irqs[s].pd && cpu_of(irqs[s].pd) == this_cpu())
            arch_irq_enable(s, irqs[s].edge, this_cpu()->index);
    }
}

void
irq_raise(unsigned source)
{
    if (source >= IMAGE_MAX_IRQS || !irqs[source].pd) {
        kdbg("moat: spurious interrupt %u\n", source);
        arch_irq_ack(source);
        return;
    }
    trace_record(TRACE_IRQ, irqs[source].pd, NULL, source);
    ntfn_signal(irqs[source].pd, 1UL << irqs[source].id);
}

void
irq_interrupt(unsigned source)
{
    for (; source != 0; source = arch_irq_claim()) {
        if (source == IMAGE_UART_IRQ && console_input)
            arch_console_rx();
        else
            irq_raise(source);
    }
}

void
irq_release(const struct pd *pd)
{
    for (unsigned s = 1; s < IMAGE_MAX_IRQS; s++) {
        if (irqs[s].pd == pd)
            arch_irq_ack(s);
    }
}

// A source in service cannot fire before its owner's ack, which only a
// running PD can give: with every PD waiting, it wakes nobody. Out of line,
// so that a core with no sources (every one of bench/smp's) pays only the
// test of nirqs on its way to idle.
static __attribute__((noinline)) bool
irq_armed(void)
{
    for (unsigned s = 1; s < IMAGE_MAX_IRQS; s++) {
        if (irqs[s].pd && cpu_of(irqs[s].pd) == this_cpu() && !arch_irq_in_service(s))
            return true;
    }
    return false;
}

bool
irq_any(void)
{
    return this_cpu()->nirqs != 0 && irq_armed();
}
