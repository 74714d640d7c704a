// SPDX-License-Identifier: BSD-2-Clause
//
// Shares and notifies on its first run only (its memory survives the
// restart, and so does `runs`).
#include "check.h"

static char buf[16] = "ABCDEFGHIJKLMNOP";
static int runs;

void
init(void)
{
    size_t svc;

    if (runs++) {
        microkit_dbg_puts("cli: restarted\n");
        return;
    }
    CHECK_EQ("cli: discover", moat_ipc_discover("restart.svc", &svc, NULL), E_OK);
    CHECK_EQ("cli: share", moat_ipc_share(svc, buf, sizeof buf), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
