// SPDX-License-Identifier: BSD-2-Clause
//
// The service: no callback until ctl's call; its callback clobbers mr0.
#include "check.h"

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)len;
    (void)buf;
    (void)ud;
    microkit_mr_set(0, 0xdead);
    moat_dbg_puts("s: kept event ran\n");
    moat_ipc_notify_client(client);
}

void
init(void)
{
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo m)
{
    (void)ch;
    (void)m;
    moat_ipc_on_service(on_client, NULL);
    microkit_mr_set(0, 0x1234);
    return microkit_msginfo_new(0, 1);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
