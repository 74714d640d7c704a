// SPDX-License-Identifier: BSD-2-Clause
//
// Reads what each share lets it reach, then one byte beyond it.
#include "check.h"

static int shares;

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)client;
    (void)ud;
    const volatile uint8_t *p = buf;

    CHECK_EQ("svc: 64 bytes shared", len, 64);
    if (++shares == 1) {
        CHECK_EQ("svc: cli's first page", p[0] + p[PAGE_SIZE - 1], 'a' + 'b');
        CHECK_EQ("svc: the window's second page is not cli's", page_zero(p + PAGE_SIZE), 1);
        return;
    }
    p -= PAGE_SIZE - 32; // the start of the window
    CHECK_EQ("svc: both of cli's pages", p[0] + p[PAGE_SIZE - 1] + p[PAGE_SIZE], 'a' + 'b' + 'Z');
    moat_dbg_puts("svc: reading the page after the window, at ");
    moat_dbg_puthex((seL4_Word)(p + 2 * PAGE_SIZE));
    moat_dbg_puts("\n");
    CHECK_EQ("svc: the page after the window", p[2 * PAGE_SIZE], 0);
}

SERVICE_ONLY(on_client)
