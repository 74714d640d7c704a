// SPDX-License-Identifier: BSD-2-Clause
//
// Parent of svc and cli: restarts cli when svc says so. Neither may fault.
#include "check.h"

#define CLI 1

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    CHECK_EQ("monitor: signalled by svc", ch, 0);
    moat_dbg_puts("monitor: restart cli\n");
    microkit_pd_restart(CLI, 0x200000);
    microkit_notify(0);
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    (void)msginfo;
    (void)reply;
    moat_dbg_puts(child == CLI ? "monitor: cli" : "monitor: svc");
    moat_dbg_puts(" faulted at ");
    moat_dbg_puthex(microkit_mr_get(seL4_VMFault_Addr));
    moat_dbg_puts("\n");
    CHECK_EQ("monitor: no fault", 0, 1);
    check_done();
    return seL4_False;
}
