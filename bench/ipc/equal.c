// SPDX-License-Identifier: BSD-2-Clause
//
// A PD at the client's priority that stays runnable while the client
// measures ppc_roundtrip_with_equal_0mr: the client's notification starts
// it; it then only yields (so the client keeps the CPU but for the slices
// the tick hands it) until the client's second notification, which it
// polls for, and it waits again.
#include "bench.h"

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
    for (;;) {
        seL4_Word badge;

        seL4_Poll(CAP_MK_INPUT, &badge); // Microkit's INPUT_CAP
        if (badge)
            return;
        seL4_Yield();
    }
}
