// SPDX-License-Identifier: BSD-2-Clause
//
// Never waits: the guest is never idle.
#include <microkit.h>

void
init(void)
{
    for (;;) {
    }
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
