// SPDX-License-Identifier: BSD-2-Clause
//
// Interrupt figures (docs/bench.md), with the UART's transmit-empty
// interrupt, which a PD raises deterministically under -icount: with
// nothing to send, the 16550 asserts it the moment it is enabled.
//   - irq_to_notified: the trigger (a lower PD) stamps the counter and
//     enables it while this driver waits; to the first instruction of the
//     driver's notified(): the PLIC, the kernel's interrupt entry, the
//     notification and switch, libmicrokit's loop.
//   - irq_ack_roundtrip: from microkit_irq_ack (its counter read), with
//     the interrupt pending again behind the claim, to the next notified():
//     the ack's system call, the interrupt taken on the way out of it,
//     the return from notified() and the wait, which returns at once.
// Each is the smallest of SAMPLES, the counter's cost taken off.
//
// QEMU's PLIC (7.2) makes a source pending only when its device signals
// the line, and completing a source does not look at a level still
// asserted: an ack alone would wait for ever. So before the ack the driver
// turns the interrupt off and on again, which makes the 16550 signal it
// anew (its transmitter is still empty): it is then pending behind the
// claim, as a level still asserted is at the ack on a PLIC whose gateway
// follows the specification.
//
// The last interrupt is left unacknowledged: with it in service and every
// PD waiting, nothing can wake a PD, and the kernel halts, as at the end of
// the other benchmarks (docs/design.md).
#include "bench_irq.h"

uintptr_t uart_base, stamp;

static seL4_Word t0, overhead = ~0UL, to_notified = ~0UL, ack_round = ~0UL;
static int samples;
static bool acking;

static seL4_Word
min(seL4_Word a, seL4_Word b)
{
    return a < b ? a : b;
}

void
init(void)
{
    for (int i = 0; i < SAMPLES; i++) {
        seL4_Word a = instret(), b = instret();
        overhead = min(overhead, b - a);
    }
}

void
notified(microkit_channel ch)
{
    seL4_Word t1 = instret();
    volatile uint8_t *uart = (volatile uint8_t *)uart_base;

    if (!acking) {
        to_notified = min(to_notified, t1 - *(volatile seL4_Word *)stamp - overhead);
        acking = true;
        uart[IER] = 0; // off and on: the 16550 signals it again
        uart[IER] = IER_THRE;
        t0 = instret();
        microkit_irq_ack(ch);
        return;
    }
    ack_round = min(ack_round, t1 - t0 - overhead);
    acking = false;
    uart[IER] = 0; // off: the trigger raises the next one
    if (++samples < SAMPLES) {
        microkit_irq_ack(ch);
        return;
    }
    bench_report("irq_to_notified", to_notified);
    bench_report("irq_ack_roundtrip", ack_round);
}
