// SPDX-License-Identifier: BSD-2-Clause
//
// Shares and notifies (svc takes it at once, with no callback), unshares,
// then signals svc to register.
#include "check.h"

static char buf[16] = "ABCDEFGHIJKLMNOP";

void
init(void)
{
    size_t svc;

    CHECK_EQ("cli: discover", moat_ipc_discover("kept.svc", &svc, NULL), E_OK);
    CHECK_EQ("cli: share", moat_ipc_share(svc, buf, sizeof buf), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
    CHECK_EQ("cli: unshare", moat_ipc_share(svc, NULL, 0), E_OK);
    microkit_notify(0);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
