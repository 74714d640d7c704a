// SPDX-License-Identifier: BSD-2-Clause
//
// A legitimate client of org.x.echo that tries to register as the service:
// refused, and it never gets cli's notifications. Ends the test.
#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>

#include "check.h"

static int got;

static void
spy_upcall(int a, int b, int c, void *ud)
{
    (void)a;
    (void)b;
    (void)c;
    (void)ud;
    got++;
}

static void
spy_cb(size_t peer, size_t len, void *buf, void *ud)
{
    (void)peer;
    (void)len;
    (void)buf;
    (void)ud;
    got++;
}

int
main(void)
{
    size_t id = 0;
    bool own = true;

    CHECK_EQ("spy2: discover org.x.echo as a client", ipc_discover("org.x.echo", &id),
             RETURNCODE_SUCCESS);
    CHECK_EQ("spy2: it is not its own", moat_ipc_discover("org.x.echo", &id, &own) == E_OK && !own,
             1);
    CHECK_EQ("spy2: register as org.x.echo ENODEVICE",
             ipc_register_service_callback("org.x.echo", spy_upcall, NULL), RETURNCODE_ENODEVICE);
    moat_ipc_on_service(spy_cb, NULL);
    libtocksync_alarm_delay_ms(30);
    CHECK_EQ("spy2: no notification for org.x.echo reached it", got, 0);
    check_done();
    return 0;
}
