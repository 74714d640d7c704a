// SPDX-License-Identifier: BSD-2-Clause
//
// Shares and notifies (svc takes it at once, with no callback), unshares,
// then signals svc to register; svc's answer must leave its buffer alone.
#include "check.h"

static char buf[16] = "ABCDEFGHIJKLMNOP";

static void
on_svc(size_t service, size_t len, void *b, void *ud)
{
    const char *want = "ABCDEFGHIJKLMNOP";
    int same = 1;

    (void)service;
    (void)len;
    (void)b;
    (void)ud;
    for (int i = 0; i < 16; i++)
        same &= buf[i] == want[i];
    CHECK_EQ("cli: svc's writes to the old window are not in the buffer", same, 1);
}

void
init(void)
{
    size_t svc;

    CHECK_EQ("cli: discover", moat_ipc_discover("kept.svc", &svc, NULL), E_OK);
    moat_ipc_on_client(svc, on_svc, NULL);
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
