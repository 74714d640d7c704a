// SPDX-License-Identifier: BSD-2-Clause
//
// Shares A, then B, then A again without notifying.
#include "check.h"

static char a[16] = "AAAAAAAAAAAAAAAA";
static char b[16] = "BBBBBBBBBBBBBBBB";
static size_t svc;
static int answers;

static void
on_svc(size_t service, size_t len, void *buf, void *ud)
{
    (void)service;
    (void)len;
    (void)buf;
    (void)ud;
    if (++answers == 1) {
        CHECK_EQ("cli: re-share 8 bytes of B", moat_ipc_share(svc, b, 8), E_OK);
        CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
    } else {
        CHECK_EQ("cli: re-share A, no notification", moat_ipc_share(svc, a, sizeof a), E_OK);
        microkit_notify(0);
    }
}

void
init(void)
{
    CHECK_EQ("cli: discover", moat_ipc_discover("reshare.svc", &svc, NULL), E_OK);
    moat_ipc_on_client(svc, on_svc, NULL);
    CHECK_EQ("cli: share 16 bytes of A", moat_ipc_share(svc, a, sizeof a), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
