// SPDX-License-Identifier: BSD-2-Clause
//
// Restarts its service twice by notifying it; after each restart the old
// id is stale (ENODEVICE) and a new discovery finds the new incarnation.
#include <stdio.h>

#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>

#include "check.h"

int
main(void)
{
    size_t id, old;

    CHECK_EQ("watch: discover", ipc_discover("org.test.restart", &id), RETURNCODE_SUCCESS);
    for (int i = 0; i < 2; i++) {
        CHECK_EQ("watch: notify", ipc_notify_service(id), RETURNCODE_SUCCESS);
        libtocksync_alarm_delay_ms(5);
        old = id;
        CHECK_EQ("watch: the old id is stale", ipc_notify_service(old), RETURNCODE_ENODEVICE);
        CHECK_EQ("watch: discover again", ipc_discover("org.test.restart", &id), RETURNCODE_SUCCESS);
        CHECK_EQ("watch: a new id", id != old, 1);
    }
    libtocksync_alarm_delay_ms(5);
    check_done();
    return 0;
}
