// SPDX-License-Identifier: BSD-2-Clause
//
// Checks the window after each share; on cli's signal, reads the window
// (zeros: the re-share revoked it), writes it and answers cli.
#include "check.h"

static volatile uint8_t *window;
static size_t cli;
static int calls;

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    const uint8_t *p = buf, *page = (const uint8_t *)((seL4_Word)buf & ~(PAGE_SIZE - 1));
    int ok = 1, clean = 1;

    (void)ud;
    cli = client;
    if (++calls == 1) {
        window = buf;
        CHECK_EQ("svc: first share: 16 bytes", len, 16);
        for (int i = 0; i < 16; i++)
            ok &= p[i] == 'A';
        CHECK_EQ("svc: first share: A", ok, 1);
    } else {
        CHECK_EQ("svc: second share: 8 bytes", len, 8);
        for (int i = 0; i < 8; i++)
            ok &= p[i] == 'B';
        CHECK_EQ("svc: second share: B", ok, 1);
        for (const uint8_t *q = page; q < page + PAGE_SIZE; q++)
            clean &= (q >= p && q < p + 8) || *q == 0;
        CHECK_EQ("svc: second share: nothing of A left in the page", clean, 1);
    }
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
    CHECK_EQ("svc: signalled by cli", ch, 0);
    moat_dbg_puts("svc: read the old window at ");
    moat_dbg_puthex((seL4_Word)window);
    moat_dbg_puts("\n");
    CHECK_EQ("svc: the re-shared window reads zeros before a notification", page_zero(window), 1);
    page_fill(window, 'X');
    CHECK_EQ("svc: the old window takes writes", window[0], 'X');
    CHECK_EQ("svc: answer cli", moat_ipc_notify_client(cli), E_OK);
}
