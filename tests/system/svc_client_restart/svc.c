// SPDX-License-Identifier: BSD-2-Clause
//
// Reads cli's window, asks monitor to restart cli, then reads the old
// window (zeros) and writes it; answers the restarted cli.
#include "check.h"

static volatile char *window;
static size_t cli;

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)ud;
    if (!window) {
        CHECK_EQ("svc: 16 bytes shared", len, 16);
        window = buf;
        cli = client;
        CHECK_EQ("svc: the window reads", window[0] + window[15], 'A' + 'P');
        microkit_notify(0); // monitor: restart cli
        return;
    }
    CHECK_EQ("svc: the restarted client shares nothing", len, 0);
    CHECK_EQ("svc: the restarted client has a new id", client != cli, 1);
    CHECK_EQ("svc: answer the restarted client", moat_ipc_notify_client(client), E_OK);
}

void
init(void)
{
    moat_ipc_on_service(on_client, NULL);
}

void
notified(microkit_channel ch)
{
    CHECK_EQ("svc: cli restarted", ch, 0);
    CHECK_EQ("svc: the restarted client's old id is E_STALE", moat_ipc_notify_client(cli), E_STALE);
    moat_dbg_puts("svc: read the old window at ");
    moat_dbg_puthex((seL4_Word)window);
    moat_dbg_puts("\n");
    CHECK_EQ("svc: the old window reads zeros", page_zero(window), 1);
    page_fill(window, 'X');
    CHECK_EQ("svc: the old window takes writes", window[0], 'X');
}
