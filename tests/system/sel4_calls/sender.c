// SPDX-License-Identifier: BSD-2-Clause
#include <microkit.h>

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    microkit_dbg_puts("sender: signalled\n");
    seL4_Signal(BASE_OUTPUT_NOTIFICATION_CAP + ch);
}
