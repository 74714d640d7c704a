// SPDX-License-Identifier: BSD-2-Clause
//
// Reads cli's window, asks monitor to restart cli, then touches the window.
#include "check.h"

static volatile char *window;
static size_t cli;

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)ud;
    CHECK_EQ("svc: 16 bytes shared", len, 16);
    window = buf;
    cli = client;
    CHECK_EQ("svc: the window reads", window[0] + window[15], 'A' + 'P');
    microkit_notify(0); // monitor: restart cli
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
    microkit_dbg_puts("svc: touch the old window at ");
    put_hex((seL4_Word)window);
    microkit_dbg_puts("\n");
    (void)window[0];
    CHECK_EQ("svc: the old window is unreachable", 0, 1);
    check_done();
}
