// SPDX-License-Identifier: BSD-2-Clause
//
// Keeps the pointer of its first callback, and from an alarm reads cli's
// write through it and writes its own; after the unshare, reads and writes
// the old pointer.
#include "check.h"

static volatile uint8_t *kept;
static size_t cli;
static int polls;

static void
tick(void *ud)
{
    (void)ud;
    if (kept[1] != 'C' && ++polls < 1000) {
        moat_alarm_set(moat_time() + MOAT_TIME_HZ / 10000, tick, NULL);
        return;
    }
    CHECK_EQ("svc: cli's write after its notification arrived", kept[1], 'C');
    kept[0] = 'S';
}

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)ud;
    if (!kept) {
        CHECK_EQ("svc: 64 bytes shared", len, 64);
        CHECK_EQ("svc: the buffer keeps its offset in its page", (seL4_Word)buf & (PAGE_SIZE - 1),
                 128);
        kept = buf;
        cli = client;
        CHECK_EQ("svc: the buffer reads", kept[0] + kept[63], 'A' + 'A');
        CHECK_EQ("svc: the rest of cli's page is visible", kept[-128], 'M');
        moat_alarm_set(moat_time() + MOAT_TIME_HZ / 10000, tick, NULL);
        return;
    }
    CHECK_EQ("svc: after the unshare: length 0", len, 0);
    CHECK_EQ("svc: the kept pointer reads zeros", page_zero(kept), 1);
    page_fill(kept, 'X');
    CHECK_EQ("svc: answer cli", moat_ipc_notify_client(client), E_OK);
}

SERVICE_ONLY(on_client)
