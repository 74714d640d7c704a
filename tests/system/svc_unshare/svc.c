// SPDX-License-Identifier: BSD-2-Clause
//
// Reads the window while shared; after the unshare, reads the old window
// (zeros), writes it, and answers cli.
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
    moat_dbg_puts("svc: read the old window at ");
    moat_dbg_puthex((seL4_Word)window);
    moat_dbg_puts("\n");
    CHECK_EQ("svc: the old window reads zeros", page_zero(window), 1);
    page_fill(window, 'X');
    CHECK_EQ("svc: the old window takes writes", window[0], 'X');
    CHECK_EQ("svc: answer cli", moat_ipc_notify_client(client), E_OK);
}

SERVICE_ONLY(on_client)
