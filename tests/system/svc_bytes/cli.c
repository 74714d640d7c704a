// SPDX-License-Identifier: BSD-2-Clause
//
// Shares arr[24..40) of an array full of secrets.
#include "check.h"

static uint8_t arr[64];
static size_t svc;

static void
on_svc(size_t service, size_t len, void *buf, void *ud)
{
    int ok = 1, secrets = 1;

    (void)service;
    (void)len;
    (void)buf;
    (void)ud;
    for (int i = 0; i < 16; i++)
        ok &= arr[24 + i] == 0x80 + i;
    CHECK_EQ("cli: tsvc's change is in its own array", ok, 1);
    for (int i = 0; i < 64; i++)
        secrets &= (i >= 24 && i < 40) || arr[i] == 0xa5;
    CHECK_EQ("cli: the neighbours are untouched", secrets, 1);
    check_done();
}

void
init(void)
{
    for (int i = 0; i < 64; i++)
        arr[i] = 0xa5; // secrets
    for (int i = 0; i < 16; i++)
        arr[24 + i] = (uint8_t)(0x10 + i);
    CHECK_EQ("cli: discover", moat_ipc_discover("bytes.svc", &svc, NULL), E_OK);
    moat_ipc_on_client(svc, on_svc, NULL);
    CHECK_EQ("cli: share arr[24..40)", moat_ipc_share(svc, &arr[24], 16), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
