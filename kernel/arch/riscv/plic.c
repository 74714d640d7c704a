// SPDX-License-Identifier: BSD-2-Clause
//
// QEMU virt's PLIC (RISC-V PLIC spec v1.0.0), each hart's S-mode context
// (2 * hart + 1); a source is enabled in its owner's core's context only.
// A source that fires is claimed here and so stays masked until it is
// completed, which happens only when its owner acknowledges it; until
// then it is in service (arch_irq_in_service).
#include "moat/image.h"

#include "arch.h"
#include "cpu.h"
#include "csr.h"

#define PLIC_PA        0x0c000000UL
#define PLIC_PRIORITY  0x000000 // + 4 * source
#define PLIC_CTX(hart) (2 * (hart) + 1) // its S-mode context
#define PLIC_ENABLE(c)    (0x002000 + 0x80 * (c))   // bit per source
#define PLIC_THRESHOLD(c) (0x200000 + 0x1000 * (c))
#define PLIC_CLAIM(c)     (0x200004 + 0x1000 * (c)) // read to claim, write to complete

void plic_cpu_init(void);

// Claimed and not yet completed. Each source is claimed on one core (its
// owner's), so each entry is written by that core alone.
static bool in_service[IMAGE_MAX_IRQS];

// Each core's claim register, from plic_cpu_init on: one load to it from
// the interrupt fast path (fastpath.c) and the ack's.
static volatile uint32_t *claim_reg[MOAT_NCPUS];

static volatile uint32_t *
reg(unsigned long off)
{
    return arch_phys(PLIC_PA + off);
}

// Every core lets each of its enabled sources through (threshold 0) at boot
// (context.c); it claims and completes in its own context.
void
plic_cpu_init(void)
{
    *reg(PLIC_THRESHOLD(PLIC_CTX(this_cpu()->index))) = 0;
    claim_reg[this_cpu()->index] = reg(PLIC_CLAIM(PLIC_CTX(this_cpu()->index)));
}

void
arch_irq_enable(unsigned source, bool edge, unsigned cpu)
{
    (void)edge; // QEMU's PLIC latches pending bits for both kinds alike
    *reg(PLIC_PRIORITY + 4 * source) = 1;
    *reg(PLIC_ENABLE(PLIC_CTX(cpu)) + 4 * (source / 32)) |= 1U << (source % 32);
}

void
arch_irq_ack(unsigned source)
{
    *claim_reg[MOAT_NCPUS > 1 ? this_cpu()->index : 0] = source;
    if (source < IMAGE_MAX_IRQS)
        in_service[source] = false;
}

bool
arch_irq_in_service(unsigned source)
{
    return source < IMAGE_MAX_IRQS && in_service[source];
}

unsigned
arch_irq_claim(void)
{
    uint32_t source = *claim_reg[MOAT_NCPUS > 1 ? this_cpu()->index : 0];

    if (source != 0 && source < IMAGE_MAX_IRQS)
        in_service[source] = true;
    return source;
}
