// SPDX-License-Identifier: BSD-2-Clause
//
// Checks the buffer cli shares in each of its three phases and answers;
// tries to pass its window on to perm.other.
#include "check.h"

static int phase;
static char mine[16];

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    const char *b = buf;
    size_t other = 0;
    int ok = 1;

    (void)ud;
    switch (++phase) {
    case 1:
        CHECK_EQ("svc: the refused shares left the first in place (16 bytes)", len, 16);
        for (int i = 0; i < 16; i++)
            ok &= b[i] == "GOOD-GOOD-GOOD!"[i];
        CHECK_EQ("svc: the first share's bytes", ok, 1);
        CHECK_EQ("svc: discover perm.other", moat_ipc_discover("perm.other", &other, NULL), E_OK);
        CHECK_EQ("svc: sharing its own window E_PERM", moat_ipc_share(other, buf, len), E_PERM);
        CHECK_EQ("svc: sharing its own memory", moat_ipc_share(other, mine, sizeof mine), E_OK);
        break;
    case 2:
        CHECK_EQ("svc: the region's last 16 bytes", len, 16);
        for (int i = 0; i < 16; i++)
            ok &= b[i] == "REGION-END-BYTES"[i];
        CHECK_EQ("svc: the region's bytes", ok, 1);
        ((char *)buf)[0] = 'r';
        break;
    default:
        CHECK_EQ("svc: a whole page", len, 4096);
        for (int i = 0; i < 4096; i++)
            ok &= (uint8_t)b[i] == (uint8_t)(i * 7 + 1);
        CHECK_EQ("svc: the page's bytes", ok, 1);
        break;
    }
    moat_ipc_notify_client(client);
}

SERVICE_ONLY(on_client)
