// SPDX-License-Identifier: BSD-2-Clause
//
// A Tock-style service, Microkit-style PD: each notification from its
// client, with the client's 64 bytes copied into its window, is answered by
// notifying the client back (the kernel then copies the bytes back).
#include "bench.h"

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)len;
    (void)buf;
    (void)ud;
    moat_ipc_notify_client(client);
}

void
init(void)
{
    moat_ipc_on_service(on_client, NULL);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
