// SPDX-License-Identifier: BSD-2-Clause
//
// Counts the events it gets: one per turn of its domain while the emitter
// is signalling, however many signals came in between.
#include <microkit.h>

static int events;

void
init(void)
{
    microkit_dbg_puts("collector: waiting\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
    events++;
    microkit_dbg_puts("collector: event ");
    microkit_dbg_put32(events);
    microkit_dbg_puts("\n");
}
