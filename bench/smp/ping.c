// SPDX-License-Identifier: BSD-2-Clause
//
// notify_cross_core (cross.xml): ping on core 0 and pong on core 1 bounce a
// notification 32 times. Under QEMU -icount, instret is QEMU's one
// instruction count of all harts (they run in turn, and a hart that waits
// in wfi runs nothing), so the difference between two of ping's wake-ups
// is what both cores spent on one round trip: two notifications, each the
// sender's system call and SBI IPI (OpenSBI's M-mode code included), the
// sender going idle, and the receiver's interrupt, delivery and wake-up.
// notify_cross_core is half the smallest round trip.
#include "../ipc/bench.h"

static seL4_Word last, best = ~0UL;
static unsigned rounds;

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

    (void)ch;
    if (rounds++ > 0 && now - last < best) // the first round includes pong's start
        best = now - last;
    if (rounds < 32) {
        last = instret();
        microkit_notify(1);
        return;
    }
    bench_report("notify_cross_core", best / 2);
}
