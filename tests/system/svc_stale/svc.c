// SPDX-License-Identifier: BSD-2-Clause
//
// Adds one to the 32-bit counter its client shares, if one is shared, and
// answers.
#include "check.h"

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)ud;
    if (len == sizeof(uint32_t))
        (*(uint32_t *)buf)++;
    moat_ipc_notify_client(client);
}

void
init(void)
{
    moat_dbg_puts("svc: init\n");
    moat_ipc_on_service(on_client, NULL);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
