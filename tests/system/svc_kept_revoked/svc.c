// SPDX-License-Identifier: BSD-2-Clause
//
// Registers only when cli signals, after cli has unshared.
#include "check.h"

// Whether the kept event runs (with no buffer) or not, the test passes if
// svc does not fault: the verdict comes 5 ms after registering.
static void
verdict(void *ud)
{
    (void)ud;
    CHECK_EQ("svc: the kept event's buffer is not a revoked window", 1, 1);
    check_done();
}

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)client;
    (void)ud;
    microkit_dbg_puts("svc: kept event: length ");
    put_dec((long)len);
    microkit_dbg_puts("\n");
    if (len)
        (void)*(volatile char *)buf; // a fault here: a revoked window
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
