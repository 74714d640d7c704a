// SPDX-License-Identifier: BSD-2-Clause
//
// Provides noent.svc to cli. Only cli may be notified as a client, and svc
// uses no service.
#include "check.h"
#include "ids.h"

static void
none(size_t peer, size_t len, void *buf, void *ud)
{
    (void)peer;
    (void)len;
    (void)buf;
    (void)ud;
}

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)ud;
    CHECK_EQ("svc: cli's id is the forged one", client, ID_CLI);
    CHECK_EQ("svc: notify_client(0) E_NOENT", moat_ipc_notify_client(0), E_NOENT);
    CHECK_EQ("svc: notify_client(plain) E_NOENT", moat_ipc_notify_client(ID_PLAIN), E_NOENT);
    CHECK_EQ("svc: notify_client(other) E_NOENT", moat_ipc_notify_client(ID_OTHER), E_NOENT);
    CHECK_EQ("svc: notify_client(no such PD) E_NOENT", moat_ipc_notify_client(ID_PAST), E_NOENT);
    CHECK_EQ("svc: notify_client(cli + 2^32) E_NOENT", moat_ipc_notify_client(ID_CLI | 1UL << 32),
             E_NOENT);
    CHECK_EQ("svc: notify_service(cli) E_NOENT", moat_ipc_notify_service(ID_CLI), E_NOENT);
    CHECK_EQ("svc: notify_service(other) E_NOENT", moat_ipc_notify_service(ID_OTHER), E_NOENT);
    CHECK_EQ("svc: share(other) E_NOENT", moat_ipc_share(ID_OTHER, buf, len), E_NOENT);
    CHECK_EQ("svc: on_client(0) E_NOENT", moat_ipc_on_client(0, none, NULL), E_NOENT);
    CHECK_EQ("svc: on_client(index 63) E_NOENT", moat_ipc_on_client(64, none, NULL), E_NOENT);
    CHECK_EQ("svc: notify_client(cli)", moat_ipc_notify_client(client), E_OK);
}

SERVICE_ONLY(on_client)
