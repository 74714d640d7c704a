// SPDX-License-Identifier: BSD-2-Clause
//
// The driver of QEMU virt's 16550 UART. Received bytes go into the rx ring
// and the client is notified; bytes the client puts into the tx ring are
// written out. When the rx ring is full the driver leaves the interrupt
// unacknowledged: the kernel keeps it masked, the UART keeps the bytes (and
// QEMU stops feeding it), and nothing is lost. The client's next notification
// (it made room) resumes reading and acknowledges the interrupt.
#include <microkit.h>

#include "serial.h"

#define UART_IRQ 1 // our id for the UART's interrupt
#define CLIENT   2

#define RBR 0 // receive buffer (read)
#define THR 0 // transmit holding (write)
#define IER 1 // interrupt enable
#define MCR 4 // modem control
#define LSR 5 // line status
#define LSR_DR   0x01 // data ready
#define LSR_THRE 0x20 // transmit holding register empty
#define IER_RDA  0x01 // interrupt on received data
#define MCR_OUT2 0x08 // interrupt line enable on a PC-style 16550

uintptr_t uart_base; // set by the tool (setvar_vaddr): the UART's registers
uintptr_t rx_vaddr;  // the two rings
uintptr_t tx_vaddr;

static int irq_held; // the interrupt is waiting for room in the rx ring

static volatile uint8_t *
uart(void)
{
    return (volatile uint8_t *)uart_base;
}

// Move received bytes into the rx ring; acknowledge the interrupt unless the
// ring is full.
static void
receive(void)
{
    struct byte_ring *rx = (struct byte_ring *)rx_vaddr;
    int got = 0;

    while (!ring_full(rx) && (uart()[LSR] & LSR_DR)) {
        ring_put(rx, uart()[RBR]);
        got = 1;
    }
    irq_held = ring_full(rx);
    if (!irq_held)
        microkit_irq_ack(UART_IRQ);
    if (got)
        microkit_notify(CLIENT);
}

static void
transmit(void)
{
    struct byte_ring *tx = (struct byte_ring *)tx_vaddr;

    while (!ring_empty(tx)) {
        while (!(uart()[LSR] & LSR_THRE)) {
        }
        uart()[THR] = ring_peek(tx);
        ring_drop(tx); // only now: the client waits for tx to be empty to know it was written
    }
}

void
init(void)
{
    uart()[MCR] |= MCR_OUT2;
    uart()[IER] = IER_RDA;
    microkit_dbg_puts("uart_driver: ready\n");
}

void
notified(microkit_channel ch)
{
    if (ch == UART_IRQ) {
        receive();
    } else if (ch == CLIENT) {
        transmit();
        if (irq_held)
            receive(); // the client made room
    }
}
