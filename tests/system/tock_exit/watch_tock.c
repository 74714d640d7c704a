// SPDX-License-Identifier: BSD-2-Clause
//
// Runs on after the others have ended, and finds each of them gone: a
// notification to a stopped PD's service is ENODEVICE, as one to a
// terminated Tock process.
#include <stdio.h>

#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>

#include "check.h"

static const char *const names[] = {"exit", "exitfn", "abort", "assert", "ret", "late"};

int
main(void)
{
    size_t id[6];
    char name[32];

    for (int i = 0; i < 6; i++) {
        snprintf(name, sizeof(name), "org.test.%s", names[i]);
        CHECK_EQ("watch: discover", ipc_discover(name, &id[i]), RETURNCODE_SUCCESS);
    }
    libtocksync_alarm_delay_ms(20);
    moat_dbg_puts("watch: still running\n");
    for (int i = 0; i < 6; i++)
        CHECK_EQ("watch: the program has ended", ipc_notify_service(id[i]), RETURNCODE_ENODEVICE);
    check_done();
    return 0;
}
