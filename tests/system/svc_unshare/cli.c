// SPDX-License-Identifier: BSD-2-Clause
//
// Shares, lets svc read, unshares, notifies again, and checks that svc's
// writes to the old window never reach its buffer.
#include "check.h"

static char buf[16] = "ABCDEFGHIJKLMNOP";
static size_t svc;
static int answers;

static int
unchanged(void)
{
    const char *want = "ABCDEFGHIJKLMNOP";

    for (int i = 0; i < 16; i++) {
        if (buf[i] != want[i])
            return 0;
    }
    return 1;
}

static void
on_svc(size_t service, size_t len, void *b, void *ud)
{
    (void)service;
    (void)len;
    (void)b;
    (void)ud;
    if (++answers == 1) {
        CHECK_EQ("cli: unshare", moat_ipc_share(svc, NULL, 0), E_OK);
        CHECK_EQ("cli: notify after the unshare", moat_ipc_notify_service(svc), E_OK);
        return;
    }
    CHECK_EQ("cli: svc's writes to the old window are not in the buffer", unchanged(), 1);
    microkit_notify(0); // monitor: stop svc
}

void
init(void)
{
    CHECK_EQ("cli: discover", moat_ipc_discover("unshare.svc", &svc, NULL), E_OK);
    moat_ipc_on_client(svc, on_svc, NULL);
    CHECK_EQ("cli: share", moat_ipc_share(svc, buf, sizeof buf), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
}

void
notified(microkit_channel ch)
{
    CHECK_EQ("cli: told by monitor on channel 0", ch, 0);
    CHECK_EQ("cli: the stopped service is E_DEAD", moat_ipc_notify_service(svc), E_DEAD);
    CHECK_EQ("cli: may still share with it", moat_ipc_share(svc, buf, sizeof buf), E_OK);
    CHECK_EQ("cli: and unshare", moat_ipc_share(svc, NULL, 0), E_OK);
    check_done();
}
