// SPDX-License-Identifier: BSD-2-Clause
#include <moat.h>

void
init(void)
{
    moat_dbg_puts("poker: notifying waiter\n");
    microkit_notify(0);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
