// SPDX-License-Identifier: BSD-2-Clause
//
// Neither a service nor a client: every peer is E_NOENT.
#include "check.h"
#include "ids.h"

void
init(void)
{
    static char buf[8];

    CHECK_EQ("plain: notify_service(svc) E_NOENT", moat_ipc_notify_service(ID_SVC), E_NOENT);
    CHECK_EQ("plain: share(svc) E_NOENT", moat_ipc_share(ID_SVC, buf, sizeof buf), E_NOENT);
    CHECK_EQ("plain: notify_client(cli) E_NOENT", moat_ipc_notify_client(ID_CLI), E_NOENT);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
