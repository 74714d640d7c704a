// SPDX-License-Identifier: BSD-2-Clause
//
// Parent of svc and cli: restarts cli when svc says so; svc must then fault
// once, reading a window page.
#include "check.h"

#define SVC 0
#define CLI 1

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    CHECK_EQ("monitor: signalled by svc", ch, 0);
    microkit_dbg_puts("monitor: restart cli\n");
    microkit_pd_restart(CLI, 0x200000);
    microkit_notify(0);
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    seL4_Word addr = microkit_mr_get(seL4_VMFault_Addr);

    (void)reply;
    microkit_dbg_puts("monitor: child fault at ");
    put_hex(addr);
    microkit_dbg_puts("\n");
    CHECK_EQ("monitor: the faulting child is svc", child, SVC);
    CHECK_EQ("monitor: a page fault", microkit_msginfo_get_label(msginfo), seL4_Fault_VMFault);
    CHECK_EQ("monitor: in the IPC window area", addr >= USER_IPC_WINDOW && addr < USER_IPC_WINDOW_END,
             1);
    check_done();
    return seL4_False;
}
