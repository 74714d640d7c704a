// SPDX-License-Identifier: BSD-2-Clause
//
// Parent of svc and cli: cli faults (left stopped; svc is told); when svc
// has looked at its old window, cli is restarted. No other fault may come.
#include "check.h"

#define CLI 1

static int faults;

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
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    seL4_Word addr = microkit_mr_get(seL4_VMFault_Addr);

    (void)reply;
    moat_dbg_puts(child == CLI ? "monitor: cli" : "monitor: svc");
    moat_dbg_puts(" faulted at ");
    moat_dbg_puthex(addr);
    moat_dbg_puts("\n");
    if (++faults == 1) {
        CHECK_EQ("monitor: a page fault", microkit_msginfo_get_label(msginfo), seL4_Fault_VMFault);
        CHECK_EQ("monitor: cli faulted", child, CLI);
        microkit_notify(0); // svc: look again
        return seL4_False;
    }
    CHECK_EQ("monitor: no other fault", 0, 1);
    check_done();
    return seL4_False;
}
