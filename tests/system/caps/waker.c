// SPDX-License-Identifier: BSD-2-Clause
//
// The lowest PD: it runs only when every other one waits or is suspended.
#include <moat.h>

#define BOSS 0

void
init(void)
{
    moat_dbg_puts("waker: every other PD waits\n");
    microkit_notify(BOSS);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
