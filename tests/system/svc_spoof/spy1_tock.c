// SPDX-License-Identifier: BSD-2-Clause
//
// A libtock PD whose PD name is org.x.echo, which it does not provide and
// may not use: claiming the name fails, and no notification meant for the
// service reaches it (it listens with moat_ipc_on_service all the same).
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
    size_t id = 7;
    bool own = true;

    CHECK_EQ("spy1: register as org.x.echo ENODEVICE",
             ipc_register_service_callback("org.x.echo", spy_upcall, NULL), RETURNCODE_ENODEVICE);
    CHECK_EQ("spy1: discover org.x.echo ENODEVICE", ipc_discover("org.x.echo", &id),
             RETURNCODE_ENODEVICE);
    CHECK_EQ("spy1: moat discover org.x.echo E_NOENT", moat_ipc_discover("org.x.echo", &id, &own),
             E_NOENT);
    moat_ipc_on_service(spy_cb, NULL);
    libtocksync_alarm_delay_ms(20);
    CHECK_EQ("spy1: no notification for org.x.echo reached it", got, 0);
    return 0;
}
