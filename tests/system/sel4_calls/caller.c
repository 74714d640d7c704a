// SPDX-License-Identifier: BSD-2-Clause
#include <microkit.h>

#include "check.h"

void
init(void)
{
    moat_dbg_puts("caller: calling waiter\n");
    microkit_msginfo r = microkit_ppcall(0, microkit_msginfo_new(41, 0));
    CHECK_EQ("sel4-call-answered", microkit_msginfo_get_label(r), 42);
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
