// SPDX-License-Identifier: BSD-2-Clause
//
// ppc_roundtrip_cross_core_0mr and ppc_roundtrip_cross_core_passive_0mr
// (xcall.xml): a client on core 0 calls a server on core 1 (active: it runs
// there on its own budget) and one on core 2 (passive: it runs there on
// the client's), the smallest of 16 round trips each, the counter's own
// cost taken off. Under -icount instret counts all harts together (cross.c),
// so a figure is what every core spent on one round trip: the call into the
// kernel lock, the IPI to the server's core and its wake-up, the server's
// loop, the reply's IPI back and the client's wake-up, and each core going
// idle between.
#include "../ipc/bench.h"

static seL4_Word
best_of_16(microkit_channel ch, seL4_Word overhead)
{
    seL4_Word best = ~0UL;

    for (int i = 0; i < 16; i++) {
        seL4_Word t0 = instret();
        microkit_ppcall(ch, microkit_msginfo_new(0, 0));
        seL4_Word t1 = instret();
        best = t1 - t0 - overhead < best ? t1 - t0 - overhead : best;
    }
    return best;
}

void
init(void)
{
    seL4_Word overhead = ~0UL;

    for (int i = 0; i < 16; i++) {
        seL4_Word t0 = instret(), t1 = instret();
        overhead = t1 - t0 < overhead ? t1 - t0 : overhead;
    }
    bench_report("ppc_roundtrip_cross_core_0mr", best_of_16(1, overhead));
    bench_report("ppc_roundtrip_cross_core_passive_0mr", best_of_16(2, overhead));
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
