// SPDX-License-Identifier: BSD-2-Clause
//
// The same through libtock: its own service id is refused with
// RETURNCODE_EINVAL, and no upcall runs while it yields.
#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>

#include "check.h"

static int got;
static char buf[16];

static void
count(int a, int b, int c, void *ud)
{
    (void)a;
    (void)b;
    (void)c;
    (void)ud;
    got++;
}

int
main(void)
{
    size_t me = 0;

    CHECK_EQ("tsvc: discover itself", ipc_discover("self.tock", &me), RETURNCODE_SUCCESS);
    CHECK_EQ("tsvc: register", ipc_register_service_callback("self.tock", count, NULL),
             RETURNCODE_SUCCESS);
    CHECK_EQ("tsvc: register for itself", ipc_register_client_callback(me, count, NULL),
             RETURNCODE_SUCCESS);
    CHECK_EQ("tsvc: notify_client(self) EINVAL", ipc_notify_client(me), RETURNCODE_EINVAL);
    CHECK_EQ("tsvc: notify_service(self) EINVAL", ipc_notify_service(me), RETURNCODE_EINVAL);
    CHECK_EQ("tsvc: share(self) EINVAL", ipc_share(me, buf, sizeof buf), RETURNCODE_EINVAL);
    libtocksync_alarm_delay_ms(1);
    CHECK_EQ("tsvc: no upcall for itself", got, 0);
    return 0;
}
