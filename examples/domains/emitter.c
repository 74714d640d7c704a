// SPDX-License-Identifier: BSD-2-Clause
//
// Signals the collector 100,000 times, saying so every 25,000.
#include <microkit.h>

#define COLLECTOR 0
#define SIGNALS   100000

void
init(void)
{
    microkit_dbg_puts("emitter: signalling the collector 100000 times\n");
    for (int i = 1; i <= SIGNALS; i++) {
        microkit_notify(COLLECTOR);
        if (i % 25000 == 0) {
            microkit_dbg_puts("emitter: ");
            microkit_dbg_put32(i);
            microkit_dbg_puts(" signals sent\n");
        }
    }
    microkit_dbg_puts("emitter: done\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
