// SPDX-License-Identifier: BSD-2-Clause
//
// The worker's parent: each time the worker faults, fault() runs here with
// seL4's fault message, and the restarter brings the worker back from a
// pristine state with moat_pd_reset (Microkit's microkit_pd_restart would
// set only its pc and keep its dirty memory and stack).
#include <moat.h>

#define WORKER 0

static unsigned restarts;

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo)
{
    (void)reply_msginfo;
    restarts++;
    microkit_dbg_puts("restarter: worker faulted (");
    microkit_dbg_puts(microkit_msginfo_get_label(msginfo) == seL4_Fault_VMFault ? "VM fault"
                                                                               : "exception");
    microkit_dbg_puts("), restart ");
    microkit_dbg_put32(restarts);
    microkit_dbg_puts("\n");
    if (child == WORKER)
        moat_pd_reset(child);
    return seL4_False; // the reset already set it running: no reply
}
