// SPDX-License-Identifier: BSD-2-Clause
//
// yielder1 and yielder2 share a priority: each yields once between two
// lines, so their lines alternate.
#include <microkit.h>

static void
say(const char *what)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(what);
}

void
init(void)
{
    say(": before yield\n");
    seL4_Yield();
    say(": after yield\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
