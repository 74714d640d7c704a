// SPDX-License-Identifier: BSD-2-Clause
//
// Holds the worker's thread and its own (cap_sharing.system): stops the
// worker, notifies it while it is stopped, starts it again, and last stops
// itself.
#include <microkit.h>

#define WORKER ((microkit_channel)0)
#define WORKER_TCB (microkit_cspace_root_slot_to_cptr(1))
#define OWN_TCB    (microkit_cspace_root_slot_to_cptr(2))

static void
check(const char *what, seL4_Error err)
{
    if (err == seL4_NoError)
        return;
    microkit_dbg_puts("controller: ");
    microkit_dbg_puts(what);
    microkit_dbg_puts(" failed\n");
}

void
init(void)
{
    microkit_dbg_puts("controller: notifying the worker\n");
    microkit_notify(WORKER); // the worker outranks us: it runs at once

    microkit_dbg_puts("controller: suspending the worker\n");
    check("suspend", seL4_TCB_Suspend(WORKER_TCB));
    microkit_dbg_puts("controller: notifying the suspended worker (it stays silent)\n");
    microkit_notify(WORKER);

    microkit_dbg_puts("controller: resuming the worker (it takes the notification)\n");
    check("resume", seL4_TCB_Resume(WORKER_TCB));

    microkit_dbg_puts("controller: suspending myself\n");
    check("self-suspend", seL4_TCB_Suspend(OWN_TCB));
    microkit_dbg_puts("controller: resumed, which nobody should have done\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
