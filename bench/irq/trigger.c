// SPDX-License-Identifier: BSD-2-Clause
//
// irq_to_notified's trigger: SAMPLES times, it stamps the counter and
// enables the UART's transmit-empty interrupt, which the 16550 asserts at
// once (its transmitter is empty); the driver, higher and waiting, takes
// it, and turns it off, before the trigger goes on.
#include "bench_irq.h"

uintptr_t uart_base, stamp;

void
init(void)
{
    volatile uint8_t *uart = (volatile uint8_t *)uart_base;
    volatile seL4_Word *s = (volatile seL4_Word *)stamp;

    for (int i = 0; i < SAMPLES; i++) {
        s[0] = instret();
        uart[IER] = IER_THRE;
    }
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
