// SPDX-License-Identifier: BSD-2-Clause
//
// svc's parent: svc must fault once, reading a window page; it stays stopped.
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

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    seL4_Word addr = microkit_mr_get(seL4_VMFault_Addr);

    (void)reply;
    microkit_dbg_puts("monitor: svc faulted at ");
    put_hex(addr);
    microkit_dbg_puts("\n");
    CHECK_EQ("monitor: the faulting child is svc", child, 0);
    CHECK_EQ("monitor: a page fault", microkit_msginfo_get_label(msginfo), seL4_Fault_VMFault);
    CHECK_EQ("monitor: in the IPC window area", addr >= USER_IPC_WINDOW && addr < USER_IPC_WINDOW_END,
             1);
    microkit_notify(1); // cli: check E_DEAD and finish
    return seL4_False;
}
