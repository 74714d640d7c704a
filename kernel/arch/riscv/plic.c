// SPDX-License-Identifier: BSD-2-Clause
//
// QEMU virt's PLIC (RISC-V PLIC spec v1.0.0), hart 0's S-mode context.
// A source that fires is claimed here and so stays masked until it is
// completed, which happens only when its owner acknowledges it.
#include "moat/image.h"

#include "arch.h"
#include "console.h"
#include "csr.h"
#include "irq.h"

#define PLIC_PA        0x0c000000UL
#define PLIC_PRIORITY  0x000000 // + 4 * source
#define PLIC_ENABLE    0x002080 // context 1 (hart 0, S-mode): bit per source
#define PLIC_THRESHOLD 0x201000 // context 1
#define PLIC_CLAIM     0x201004 // context 1: read to claim, write to complete

void plic_interrupt(void);

static volatile uint32_t *
reg(unsigned long off)
{
    return arch_phys(PLIC_PA + off);
}

void
arch_irq_enable(unsigned source, bool edge)
{
    (void)edge; // QEMU's PLIC latches pending bits for both kinds alike
    *reg(PLIC_PRIORITY + 4 * source) = 1;
    *reg(PLIC_ENABLE + 4 * (source / 32)) |= 1U << (source % 32);
    *reg(PLIC_THRESHOLD) = 0;
    csr_set(sie, SIE_SEIE);
}

void
arch_irq_ack(unsigned source)
{
    *reg(PLIC_CLAIM) = source;
}

// An external interrupt is pending: claim every source that is.
void
plic_interrupt(void)
{
    uint32_t source;

    while ((source = *reg(PLIC_CLAIM)) != 0) {
        if (source == IMAGE_UART_IRQ && console_input)
            arch_console_rx();
        else
            irq_raise(source);
    }
}
