// SPDX-License-Identifier: BSD-2-Clause
//
// Counts its notifications, by its own name (target.elf and kid.elf).
#include <microkit.h>

static unsigned count;

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(": notified ");
    microkit_dbg_put32(++count);
    microkit_dbg_puts("\n");
}
