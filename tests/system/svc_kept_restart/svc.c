// SPDX-License-Identifier: BSD-2-Clause
//
// Registers only when cli signals; by then it has been restarted.
#include "check.h"

static int runs, callbacks;

static void
verdict(void *ud)
{
    (void)ud;
    CHECK_EQ("svc: no callback for an event from before its restart", callbacks, 0);
    check_done();
}

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)client;
    (void)ud;
    callbacks++;
    moat_dbg_puts("svc: callback: length ");
    put_dec((long)len);
    moat_dbg_puts("\n");
    if (len)
        (void)*(volatile char *)buf; // a fault here: the restart unmapped the window
}

void
init(void)
{
    moat_dbg_puts(runs++ ? "svc: restarted\n" : "svc: init\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
    moat_alarm_set(moat_time() + 10 * MOAT_TIME_HZ / 1000, verdict, NULL);
    moat_ipc_on_service(on_client, NULL);
}
