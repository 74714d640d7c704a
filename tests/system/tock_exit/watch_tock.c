// SPDX-License-Identifier: BSD-2-Clause
//
// Runs on after the others have ended, and finds each of them gone: a
// notification to a stopped PD's service is ENODEVICE, as one to a
// terminated Tock process.
#include <stdio.h>

#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>

#include "check.h"

static const char *const names[] = {"exit", "exitfn", "abort", "assert", "expect", "ret", "late"};
#define N (sizeof(names) / sizeof(names[0]))

int
main(void)
{
    size_t id[N];
    char name[32];

    for (unsigned i = 0; i < N; i++) {
        snprintf(name, sizeof(name), "org.test.%s", names[i]);
        CHECK_EQ("watch: discover", ipc_discover(name, &id[i]), RETURNCODE_SUCCESS);
    }
    libtocksync_alarm_delay_ms(20);
    moat_dbg_puts("watch: still running\n");
    for (unsigned i = 0; i < N; i++)
        CHECK_EQ("watch: the program has ended", ipc_notify_service(id[i]), RETURNCODE_ENODEVICE);
    check_done();
    return 0;
}
