// SPDX-License-Identifier: BSD-2-Clause
//
// Shares with svc and tsvc and notifies them (tsvc takes it at once, svc
// when cli waits after the call; neither has a callback), has both
// restarted, then signals svc to register.
#include "check.h"

static char buf[16] = "ABCDEFGHIJKLMNOP";

void
init(void)
{
    size_t svc, tsvc;

    CHECK_EQ("cli: discover", moat_ipc_discover("kept.svc", &svc, NULL), E_OK);
    CHECK_EQ("cli: share", moat_ipc_share(svc, buf, sizeof buf), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
    CHECK_EQ("cli: discover tsvc", moat_ipc_discover("kept.tock", &tsvc, NULL), E_OK);
    CHECK_EQ("cli: share with tsvc", moat_ipc_share(tsvc, buf, sizeof buf), E_OK);
    CHECK_EQ("cli: notify tsvc", moat_ipc_notify_service(tsvc), E_OK);
    microkit_ppcall(1, microkit_msginfo_new(0, 0));
    microkit_notify(0);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
