// SPDX-License-Identifier: BSD-2-Clause
//
// notify_cross_core (cross.xml): ping on core 0 and pong on core 1 bounce a
// notification. Each reads its own hart's instruction counter at every
// wake-up; a hart that waits in wfi retires nothing, so the difference
// between two wake-ups is what that core spent on one round: its
// notify, its wait and going idle, the other core's interrupt when it
// arrives, and the delivery. ping prints both cores' figures per round
// (pong hands its own over in shared memory) and their sum over two: the
// instructions one notification to another core costs both cores.
#include <microkit.h>
#include <moat.h>

uintptr_t sync; // setvar_vaddr: [0] pong's best per-round figure

static seL4_Word last, best = ~0UL;
static unsigned rounds;

static inline seL4_Word
instret(void)
{
    seL4_Word v;

    __asm__ volatile("rdinstret %0" : "=r"(v));
    return v;
}

static void
report(const char *name, seL4_Word v)
{
    moat_dbg_puts(name);
    moat_dbg_puts(" ");
    moat_dbg_put32((seL4_Uint32)v);
    moat_dbg_puts(" instructions\n");
}

void
init(void)
{
    last = instret();
    microkit_notify(1);
}

void
notified(microkit_channel ch)
{
    seL4_Word now = instret();
    volatile seL4_Word *w = (volatile seL4_Word *)sync;

    (void)ch;
    if (rounds++ > 0 && now - last < best) // the first round includes pong's start
        best = now - last;
    if (rounds < 32) {
        last = instret();
        microkit_notify(1);
        return;
    }
    seL4_Word pong = __atomic_load_n(w, __ATOMIC_SEQ_CST);
    report("notify_cross_core_round_core0", best);
    report("notify_cross_core_round_core1", pong);
    report("notify_cross_core", (best + pong) / 2);
}
