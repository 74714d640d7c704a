// SPDX-License-Identifier: BSD-2-Clause
//
// Says when it is notified; the controller stops and starts it.
#include <microkit.h>

void
init(void)
{
    microkit_dbg_puts("worker: waiting\n");
}

void
notified(microkit_channel ch)
{
    microkit_dbg_puts("worker: notified on channel ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts("\n");
}
