// SPDX-License-Identifier: BSD-2-Clause
//
// Shares A, then B, then A again without notifying; svc's answer after that
// must change neither buffer.
#include "check.h"

static char a[16] = "AAAAAAAAAAAAAAAA";
static char b[16] = "BBBBBBBBBBBBBBBB";
static size_t svc;
static int answers;

static int
all(const char *p, char c)
{
    for (int i = 0; i < 16; i++) {
        if (p[i] != c)
            return 0;
    }
    return 1;
}

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
    } else if (answers == 2) {
        CHECK_EQ("cli: re-share A, no notification", moat_ipc_share(svc, a, sizeof a), E_OK);
        microkit_notify(0);
    } else {
        CHECK_EQ("cli: A unchanged by svc's writes", all(a, 'A'), 1);
        CHECK_EQ("cli: B unchanged by svc's writes", all(b, 'B'), 1);
        check_done();
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
