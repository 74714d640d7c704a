// SPDX-License-Identifier: BSD-2-Clause
//
// Shares, notifies, and faults.
#include "check.h"

static char buf[16] = "ABCDEFGHIJKLMNOP";

void
init(void)
{
    size_t svc;

    CHECK_EQ("cli: discover", moat_ipc_discover("fault.svc", &svc, NULL), E_OK);
    CHECK_EQ("cli: share", moat_ipc_share(svc, buf, sizeof buf), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
    *(volatile seL4_Word *)0x1000 = 1; // unmapped: a store page fault
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
