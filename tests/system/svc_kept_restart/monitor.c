// SPDX-License-Identifier: BSD-2-Clause
//
// Parent of svc and tsvc: restarts both when cli calls; neither may fault.
#include "check.h"

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)ch;
    (void)msginfo;
    moat_dbg_puts("monitor: restart svc and tsvc\n");
    microkit_pd_restart(0, 0x200000);
    microkit_pd_restart(1, 0x200000);
    return microkit_msginfo_new(0, 0);
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    (void)child;
    (void)msginfo;
    (void)reply;
    moat_dbg_puts(child ? "monitor: tsvc" : "monitor: svc");
    moat_dbg_puts(" faulted at ");
    moat_dbg_puthex(microkit_mr_get(seL4_VMFault_Addr));
    moat_dbg_puts("\n");
    CHECK_EQ("no callback for an event from before a restart", 0, 1);
    check_done();
    return seL4_False;
}
