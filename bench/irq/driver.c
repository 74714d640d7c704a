// SPDX-License-Identifier: BSD-2-Clause
//
// Interrupt figures (docs/bench.md), with the UART's transmit-empty
// interrupt, which a PD raises deterministically under -icount: with
// nothing to send, the 16550 asserts it the moment it is enabled, and keeps
// it asserted while it stays enabled.
//   - irq_to_notified: the trigger (a lower PD) stamps the counter and
//     enables it while this driver waits; to the first instruction of the
//     driver's notified(): the PLIC, the kernel's interrupt entry, the
//     notification and switch, libmicrokit's loop.
//   - irq_ack_roundtrip: from microkit_irq_ack (its counter read), with
//     the interrupt still asserted, to the next notified(): the ack's
//     system call, the PLIC's completion, the interrupt again, the wait.
// Each is the smallest of SAMPLES, the counter's cost taken off.
#include "bench_irq.h"

uintptr_t uart_base, stamp;

static seL4_Word t0, overhead = ~0UL, to_notified = ~0UL, ack_round = ~0UL;
static int samples;
static bool acking;

static void
report(const char *name, seL4_Word v)
{
    moat_dbg_puts(name);
    moat_dbg_puts(" ");
    moat_dbg_put32((seL4_Uint32)v);
    moat_dbg_puts(" instructions\n");
}

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
        acking = true; // still asserted: acked, it comes again at once
        t0 = instret();
        microkit_irq_ack(ch);
        return;
    }
    ack_round = min(ack_round, t1 - t0 - overhead);
    acking = false;
    uart[IER] = 0; // off, then acked: the trigger raises the next one
    microkit_irq_ack(ch);
    if (++samples == SAMPLES) {
        report("irq_to_notified", to_notified);
        report("irq_ack_roundtrip", ack_round);
    }
}
