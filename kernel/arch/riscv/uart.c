// SPDX-License-Identifier: BSD-2-Clause
//
// The console UART's input: QEMU virt's NS16550A at IMAGE_UART_PA, PLIC
// source IMAGE_UART_IRQ. Output goes through OpenSBI (sbi_putchar), which
// owns the line settings; the kernel only turns on the receive interrupt
// and drains the receive buffer when it fires. Used only when the image
// gives the kernel the UART's input (IMAGE_F_CONSOLE_INPUT).
#include "moat/image.h"

#include "arch.h"
#include "console.h"

#define UART_RBR 0 // receive buffer (read)
#define UART_IER 1 // interrupt enable: bit 0, received data available
#define UART_LSR 5 // line status: bit 0, data ready
#define IER_RDA  0x01
#define LSR_DR   0x01

static volatile uint8_t *
uart(unsigned reg)
{
    return (volatile uint8_t *)arch_phys(IMAGE_UART_PA + reg);
}

void
arch_console_input_boot(void)
{
    while (*uart(UART_LSR) & LSR_DR) // what came before the kernel ran
        console_rx((char)*uart(UART_RBR));
    *uart(UART_IER) = IER_RDA;
    arch_irq_enable(IMAGE_UART_IRQ, false, 0); // core 0: console.c
}

void
arch_console_rx(void)
{
    while (*uart(UART_LSR) & LSR_DR)
        console_rx((char)*uart(UART_RBR));
    arch_irq_ack(IMAGE_UART_IRQ); // complete it: the kernel owns it
}
