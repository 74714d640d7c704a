// SPDX-License-Identifier: BSD-2-Clause
//
// Client of noent.svc: every id but svc's is E_NOENT, for notify and share.
#include "check.h"
#include "ids.h"

static char buf[8];

static void
on_svc(size_t service, size_t len, void *b, void *ud)
{
    (void)len;
    (void)b;
    (void)ud;
    CHECK_EQ("cli: svc answered", service, ID_SVC);
    check_done();
}

void
init(void)
{
    size_t svc = 0;

    CHECK_EQ("cli: discover", moat_ipc_discover("noent.svc", &svc, NULL), E_OK);
    CHECK_EQ("cli: svc's id is the forged one", svc, ID_SVC);
    CHECK_EQ("cli: notify_service(0) E_NOENT", moat_ipc_notify_service(0), E_NOENT);
    CHECK_EQ("cli: notify_client(0) E_NOENT", moat_ipc_notify_client(0), E_NOENT);
    CHECK_EQ("cli: share(0) E_NOENT", moat_ipc_share(0, buf, sizeof buf), E_NOENT);
    CHECK_EQ("cli: unshare(0) E_NOENT", moat_ipc_share(0, NULL, 0), E_NOENT);
    CHECK_EQ("cli: notify_service(no such PD) E_NOENT", moat_ipc_notify_service(ID_PAST), E_NOENT);
    CHECK_EQ("cli: notify_service(index 62) E_NOENT", moat_ipc_notify_service(ID_LAST), E_NOENT);
    CHECK_EQ("cli: notify_service(0xff) E_NOENT", moat_ipc_notify_service(0xff), E_NOENT);
    CHECK_EQ("cli: notify_service(svc + 2^31) E_NOENT", moat_ipc_notify_service(svc | 1UL << 31),
             E_NOENT);
    CHECK_EQ("cli: notify_service(svc + 2^32) E_NOENT", moat_ipc_notify_service(svc | 1UL << 32),
             E_NOENT);
    CHECK_EQ("cli: notify_service(svc + 2^63) E_NOENT", moat_ipc_notify_service(svc | 1UL << 63),
             E_NOENT);
    CHECK_EQ("cli: share(svc + 2^32) E_NOENT", moat_ipc_share(svc | 1UL << 32, buf, sizeof buf),
             E_NOENT);
    CHECK_EQ("cli: notify_service(plain) E_NOENT", moat_ipc_notify_service(ID_PLAIN), E_NOENT);
    CHECK_EQ("cli: share(plain) E_NOENT", moat_ipc_share(ID_PLAIN, buf, sizeof buf), E_NOENT);
    CHECK_EQ("cli: notify_service(other) E_NOENT", moat_ipc_notify_service(ID_OTHER), E_NOENT);
    CHECK_EQ("cli: share(other) E_NOENT", moat_ipc_share(ID_OTHER, buf, sizeof buf), E_NOENT);
    CHECK_EQ("cli: notify_client(svc) E_NOENT", moat_ipc_notify_client(ID_SVC), E_NOENT);
    CHECK_EQ("cli: notify_client(plain) E_NOENT", moat_ipc_notify_client(ID_PLAIN), E_NOENT);
    moat_ipc_on_client(svc, on_svc, NULL);
    CHECK_EQ("cli: share(svc)", moat_ipc_share(svc, buf, sizeof buf), E_OK);
    CHECK_EQ("cli: notify_service(svc)", moat_ipc_notify_service(svc), E_OK);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
