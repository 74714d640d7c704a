// SPDX-License-Identifier: BSD-2-Clause
//
// yielder1 and yielder2 share a priority: each yields once between two
// lines, so their lines alternate.
#include <moat.h>

static void
say(const char *what)
{
    moat_dbg_puts(microkit_name);
    moat_dbg_puts(what);
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
