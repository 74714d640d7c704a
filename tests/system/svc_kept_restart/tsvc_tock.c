// SPDX-License-Identifier: BSD-2-Clause
//
// A libtock service: its first incarnation only yields (taking cli's
// notification with no callback); restarted, it registers and waits 2 ms.
#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>

#include "check.h"

static int runs, callbacks;

static void
on_client(int pid, int len, int buf, void *ud)
{
    (void)pid;
    (void)ud;
    callbacks++;
    moat_dbg_puts("tsvc: callback: length ");
    put_dec(len);
    moat_dbg_puts("\n");
    if (len)
        (void)*(volatile char *)buf; // a fault here: the restart unmapped the window
}

int
main(void)
{
    if (runs++ == 0) {
        moat_dbg_puts("tsvc: init\n");
        for (;;)
            yield();
    }
    moat_dbg_puts("tsvc: restarted\n");
    ipc_register_service_callback("kept.tock", on_client, NULL);
    libtocksync_alarm_delay_ms(2);
    CHECK_EQ("tsvc: no callback for an event from before its restart", callbacks, 0);
    return 0;
}
