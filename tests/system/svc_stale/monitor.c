// SPDX-License-Identifier: BSD-2-Clause
//
// svc's parent: label 1 restarts it, label 2 resets it.
#include "check.h"

#define SVC 0

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
    if (microkit_msginfo_get_label(msginfo) == 1) {
        moat_dbg_puts("monitor: restart svc\n");
        microkit_pd_restart(SVC, 0x200000);
    } else {
        moat_dbg_puts("monitor: reset svc\n");
        CHECK_EQ("monitor: reset", moat_pd_reset(SVC), E_OK);
    }
    return microkit_msginfo_new(0, 0);
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    (void)child;
    (void)msginfo;
    (void)reply;
    CHECK_EQ("monitor: no fault", 1, 0);
    check_done();
    return seL4_False;
}
