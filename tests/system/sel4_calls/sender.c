// SPDX-License-Identifier: BSD-2-Clause
#include <moat.h>

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    moat_dbg_puts("sender: signalled\n");
    seL4_Signal(BASE_OUTPUT_NOTIFICATION_CAP + ch);
}
