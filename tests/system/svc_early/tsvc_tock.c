// SPDX-License-Identifier: BSD-2-Clause
//
// A libtock service that registers its callback only after a 20 ms delay
// (yielding meanwhile, so it takes cli's notification with no callback).
#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>

#include "check.h"

#define MS (MOAT_TIME_HZ / 1000)

static uint64_t t0;

static void
on_client(int pid, int len, int buf, void *ud)
{
    (void)len;
    (void)buf;
    (void)ud;
    CHECK_EQ("tsvc: callback for the early notification, after registering",
             moat_time() - t0 >= 20 * MS, true);
    CHECK_EQ("tsvc: answer", ipc_notify_client((size_t)pid), RETURNCODE_SUCCESS);
}

int
main(void)
{
    t0 = moat_time();
    libtocksync_alarm_delay_ms(20);
    CHECK_EQ("tsvc: register after 20 ms",
             ipc_register_service_callback("early.tock", on_client, NULL), RETURNCODE_SUCCESS);
    return 0; // the runtime yields on: the kept event runs
}
