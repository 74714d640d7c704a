// SPDX-License-Identifier: BSD-2-Clause
//
// Suspends itself with its own thread capability; boss resumes it.
#include <microkit.h>

#include "check.h"

#define BOSS 0

void
init(void)
{
    moat_dbg_puts("sleeper: suspending myself\n");
    seL4_Error err = seL4_TCB_Suspend(microkit_cspace_root_slot_to_cptr(1));
    CHECK_EQ("caps-self-suspend", err, seL4_NoError);
    moat_dbg_puts("sleeper: resumed\n");
    microkit_notify(BOSS);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
