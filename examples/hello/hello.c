// SPDX-License-Identifier: BSD-2-Clause
//
// Every PD of this system runs this program; each prints its own name,
// which the tool patched into microkit_name.
#include <microkit.h>

void
init(void)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(": hello, world\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
