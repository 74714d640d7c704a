// SPDX-License-Identifier: BSD-2-Clause
//
// svc's parent: stops svc when cli asks, then tells cli. svc must not fault.
#include "check.h"

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    CHECK_EQ("monitor: signalled by cli", ch, 1);
    moat_dbg_puts("monitor: stop svc\n");
    microkit_pd_stop(0);
    microkit_notify(1); // cli: check E_DEAD and finish
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    (void)child;
    (void)msginfo;
    (void)reply;
    moat_dbg_puts("monitor: svc faulted at ");
    moat_dbg_puthex(microkit_mr_get(seL4_VMFault_Addr));
    moat_dbg_puts("\n");
    CHECK_EQ("monitor: svc does not fault", 0, 1);
    check_done();
    return seL4_False;
}
