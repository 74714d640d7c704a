// SPDX-License-Identifier: BSD-2-Clause
//
// Registers only when cli signals, after cli has unshared. The kept event
// carries the length and address of its delivery (lib.md); the window is
// revoked by then, so it reads zeros, and it does not fault.
#include "check.h"

static int callbacks;

// The verdict comes 5 ms after registering, once cli has had svc's answer.
static void
verdict(void *ud)
{
    (void)ud;
    CHECK_EQ("svc: the kept event ran once", callbacks, 1);
    check_done();
}

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    seL4_Word a = (seL4_Word)buf;

    (void)ud;
    callbacks++;
    moat_dbg_puts("svc: kept event: length ");
    put_dec((long)len);
    moat_dbg_puts(" at ");
    moat_dbg_puthex(a);
    moat_dbg_puts("\n");
    CHECK_EQ("svc: the kept event has the length it was delivered with", len, 16);
    CHECK_EQ("svc: its address is in a window",
             a >= USER_IPC_WINDOW && a < USER_IPC_WINDOW_END, 1);
    CHECK_EQ("svc: the revoked window reads zeros", page_zero(buf), 1);
    page_fill(buf, 'X');
    CHECK_EQ("svc: answer cli", moat_ipc_notify_client(client), E_OK);
}

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
    moat_alarm_set(moat_time() + 5 * MOAT_TIME_HZ / 1000, verdict, NULL);
    moat_ipc_on_service(on_client, NULL);
}
