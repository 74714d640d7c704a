// SPDX-License-Identifier: BSD-2-Clause
//
// Parent of svc and cli: cli faults first (left stopped; svc is told), then
// svc, reading a window page.
#include "check.h"

#define SVC 0
#define CLI 1

static int faults;

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
    microkit_dbg_puts("monitor: child fault at ");
    put_hex(addr);
    microkit_dbg_puts("\n");
    CHECK_EQ("monitor: a page fault", microkit_msginfo_get_label(msginfo), seL4_Fault_VMFault);
    if (++faults == 1) {
        CHECK_EQ("monitor: cli faulted first", child, CLI);
        microkit_notify(0); // svc: look again
        return seL4_False;
    }
    CHECK_EQ("monitor: then svc", child, SVC);
    CHECK_EQ("monitor: in the IPC window area", addr >= USER_IPC_WINDOW && addr < USER_IPC_WINDOW_END,
             1);
    check_done();
    return seL4_False;
}
