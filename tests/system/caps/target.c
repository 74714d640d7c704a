// SPDX-License-Identifier: BSD-2-Clause
//
// Counts its notifications, by its own name (target.elf and kid.elf).
#include <moat.h>

static unsigned count;

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
    moat_dbg_puts(microkit_name);
    moat_dbg_puts(": notified ");
    moat_dbg_put32(++count);
    moat_dbg_puts("\n");
}
