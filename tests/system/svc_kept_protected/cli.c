// SPDX-License-Identifier: BSD-2-Clause
//
// The client: notifies first, then waits for the answer or its alarm.
#include "check.h"

static void
answered(size_t svc, size_t len, void *buf, void *ud)
{
    (void)svc;
    (void)len;
    (void)buf;
    (void)ud;
    moat_dbg_puts("ok cli: answered\n");
    moat_alarm_set(0, NULL, NULL);
}

static void
too_late(void *ud)
{
    (void)ud;
    moat_dbg_puts("FAIL cli: no answer after 100 ms: the kept event never ran\n");
    moat_dbg_halt(1);
}

void
init(void)
{
    size_t svc;

    CHECK_EQ("cli: discover", moat_ipc_discover("kept.svc", &svc, NULL), E_OK);
    moat_ipc_on_client(svc, answered, NULL);
    moat_alarm_set(moat_time() + MOAT_TIME_HZ / 10, too_late, NULL);
    CHECK_EQ("cli: notify before s registers", moat_ipc_notify_service(svc), E_OK);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
