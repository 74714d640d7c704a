// SPDX-License-Identifier: BSD-2-Clause
//
// One client of the SMP benchmarks (bench/run.sh boots each pairsN.xml on
// smp-release under QEMU -smp 4 -icount): client c<k>of<n> (on core k, n
// pairs in the system) makes ROUNDS microkit_ppcall round trips to the
// server on its own core and prints the mean per round trip, counted with
// rdinstret, which counts its own hart's instructions only. The cores start
// their PDs together (the kernel's boot waits for all), and QEMU runs the
// harts in turn, 100 million instructions at a time (-icount shift=0: 100
// ms of virtual time), so that ROUNDS, above that, makes the pairs' runs
// interleave: a lock or a shared line that one core held while another
// wanted it would show here as instructions spent waiting. A figure that
// grows with n would mean the cores share something on the path.
#include <microkit.h>
#include <moat.h>

#define ROUNDS 500000

static void
report(unsigned n, unsigned k, seL4_Word v)
{
    char name[] = "smp_pairsN_coreK_ppc_roundtrip_0mr";

    name[9] = (char)('0' + n);
    name[15] = (char)('0' + k);
    moat_dbg_puts(name);
    moat_dbg_puts(" ");
    moat_dbg_put32((seL4_Uint32)v);
    moat_dbg_puts(" instructions\n");
}

static inline seL4_Word
instret(void)
{
    seL4_Word v;

    __asm__ volatile("rdinstret %0" : "=r"(v));
    return v;
}

void
init(void)
{
    unsigned k = (unsigned)(microkit_name[1] - '0'), n = (unsigned)(microkit_name[4] - '0');
    seL4_Word t0 = instret();

    for (int i = 0; i < ROUNDS; i++)
        microkit_ppcall(1, microkit_msginfo_new(0, 0));
    report(n, k, (instret() - t0) / ROUNDS);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
