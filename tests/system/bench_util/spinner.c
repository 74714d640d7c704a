// SPDX-License-Identifier: BSD-2-Clause
//
// Spins for ever: all the CPU its budget gives it.
#include <microkit.h>

void
init(void)
{
    for (;;)
        __asm__ volatile("");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
