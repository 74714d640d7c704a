// SPDX-License-Identifier: BSD-2-Clause
//
// The real org.x.echo: answers every notification.
#include "check.h"

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)len;
    (void)buf;
    (void)ud;
    moat_dbg_puts("echo: notified by a client\n");
    moat_ipc_notify_client(client);
}

SERVICE_ONLY(on_client)
