// SPDX-License-Identifier: BSD-2-Clause
//
// Squares the number in mr 0, and crashes (a store to address 0) on every
// request whose number is 3 modulo 4.
#include <microkit.h>

void
init(void)
{
    microkit_dbg_puts("worker: started\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    seL4_Word n = microkit_mr_get(0);

    (void)ch;
    (void)msginfo;
    if (n % 4 == 3)
        *(volatile seL4_Word *)0 = n; // crash on purpose
    microkit_mr_set(0, n * n);
    return microkit_msginfo_new(0, 1);
}
