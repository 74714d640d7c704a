// SPDX-License-Identifier: BSD-2-Clause
//
// smp_microkit_ppcall_roundtrip_0mr (pair.xml): bench/ipc's
// microkit_ppcall_roundtrip_0mr on the SMP kernel (smp-release, QEMU
// -smp 4, the other cores idle), the smallest of 16, the counter's own
// cost taken off: what the SMP kernel's per-core state costs a call and its
// reply within one core.
#include "../ipc/bench.h"

void
init(void)
{
    seL4_Word best = ~0UL, overhead = ~0UL;

    for (int i = 0; i < 16; i++) {
        seL4_Word t0 = instret(), t1 = instret();
        overhead = t1 - t0 < overhead ? t1 - t0 : overhead;
    }
    for (int i = 0; i < 16; i++) {
        seL4_Word t0 = instret();
        microkit_ppcall(1, microkit_msginfo_new(0, 0));
        seL4_Word t1 = instret();
        best = t1 - t0 - overhead < best ? t1 - t0 - overhead : best;
    }
    bench_report("smp_microkit_ppcall_roundtrip_0mr", best);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
