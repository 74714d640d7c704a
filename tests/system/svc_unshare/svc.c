// SPDX-License-Identifier: BSD-2-Clause
//
// Reads the window while shared; after the unshare, touches it again.
#include "check.h"

static volatile char *window;

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)ud;
    if (!window) {
        CHECK_EQ("svc: 16 bytes shared", len, 16);
        window = buf;
        CHECK_EQ("svc: the window reads", window[0] + window[15], 'A' + 'P');
        moat_ipc_notify_client(client);
        return;
    }
    CHECK_EQ("svc: after the unshare: length 0", len, 0);
    CHECK_EQ("svc: after the unshare: buffer NULL", (seL4_Word)buf, 0);
    microkit_dbg_puts("svc: touch the old window at ");
    put_hex((seL4_Word)window);
    microkit_dbg_puts("\n");
    (void)window[0];
    CHECK_EQ("svc: the old window is unreachable", 0, 1);
    check_done();
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
