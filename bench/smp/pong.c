// SPDX-License-Identifier: BSD-2-Clause
//
// notify_cross_core's other end (ping.c): answers each notification.
#include <microkit.h>

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    microkit_notify(ch);
}
