// SPDX-License-Identifier: BSD-2-Clause
//
// A runner: shares its record, notifies the supervisor once, then beats
// every millisecond until the supervisor's verdict appears in its record,
// and says so there.
#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>
#include <stdio.h>

#include <moat.h>

#include "unit.h"

static struct unit u __attribute__((aligned(256)));

int
main(void)
{
    size_t svc;

    libtocksync_alarm_delay_ms(10); // the supervisor registers first
    if (ipc_discover("org.tockos.unit_test", &svc) != RETURNCODE_SUCCESS) {
        printf("FAIL %s: no supervisor\n", microkit_name);
        return 1;
    }
    snprintf(u.name, sizeof u.name, "%.23s", microkit_name);
    ipc_share(svc, &u, sizeof u);
    ipc_notify_service(svc);
    while (!u.verdict && u.heartbeat < 1000) {
        u.heartbeat++;
        libtocksync_alarm_delay_ms(1);
    }
    uint32_t about = u.verdict & ~VERDICT;
    if (!(u.verdict & VERDICT) || about == 0 || about > u.heartbeat) {
        printf("FAIL %s: verdict 0x%lx, heartbeat %lu\n", microkit_name,
               (unsigned long)u.verdict, (unsigned long)u.heartbeat);
        return 1;
    }
    printf("%s: the supervisor's verdict arrived in my record, about a heartbeat I wrote after "
           "notifying\n", microkit_name);
    u.done = 1;
    // Stay: a runner that ended would revoke its share (its record then
    // reads zeros to the supervisor).
    for (;;)
        yield();
}
