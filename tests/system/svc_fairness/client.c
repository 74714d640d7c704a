// SPDX-License-Identifier: BSD-2-Clause
//
// Notifies svc three times in a row at start and after each of its first
// three answers.
#include "check.h"

static size_t svc;
static int answers;

static void
burst(void)
{
    long err = 0;

    for (int i = 0; i < 3; i++)
        err |= moat_ipc_notify_service(svc);
    if (err) {
        moat_dbg_puts(microkit_name);
        moat_dbg_puts(": FAIL notify\n");
    }
}

static void
on_svc(size_t service, size_t len, void *buf, void *ud)
{
    (void)service;
    (void)len;
    (void)buf;
    (void)ud;
    if (++answers < 4)
        burst();
}

void
init(void)
{
    moat_ipc_discover("fair.svc", &svc, NULL);
    moat_ipc_on_client(svc, on_svc, NULL);
    burst();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
