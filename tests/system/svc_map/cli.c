// SPDX-License-Identifier: BSD-2-Clause
//
// Shares buf[128..192) of a page of its own, notifies svc once, writes after
// the notification, and polls for svc's write; then unshares and checks
// that svc's later writes do not reach it.
#include "check.h"

static MOAT_IPC_BUFFER(page, 64);
static volatile uint8_t *const buf = page + 128;
static size_t svc;
static int polls;

static void
poll_write(void *ud)
{
    (void)ud;
    if (buf[0] != 'S') {
        if (++polls > 1000) {
            CHECK_EQ("cli: svc's write arrived", buf[0], 'S');
            check_done();
        }
        moat_alarm_set(moat_time() + MOAT_TIME_HZ / 10000, poll_write, NULL);
        return;
    }
    CHECK_EQ("cli: svc's write arrived with no notification", buf[0], 'S');
    CHECK_EQ("cli: unshare", moat_ipc_share(svc, NULL, 0), E_OK);
    CHECK_EQ("cli: notify after the unshare", moat_ipc_notify_service(svc), E_OK);
}

static void
on_svc(size_t service, size_t len, void *b, void *ud)
{
    (void)service;
    (void)len;
    (void)b;
    (void)ud;
    CHECK_EQ("cli: svc's writes after the unshare are not in the buffer", buf[0], 'S');
    CHECK_EQ("cli: nor anywhere in its page", page[0] + page[4095], 'M' + 0);
    check_done();
}

void
init(void)
{
    page[0] = 'M'; // outside the buffer, in its page
    for (int i = 0; i < 64; i++)
        buf[i] = 'A';
    CHECK_EQ("cli: discover", moat_ipc_discover("map.svc", &svc, NULL), E_OK);
    moat_ipc_on_client(svc, on_svc, NULL);
    CHECK_EQ("cli: share", moat_ipc_share(svc, (void *)buf, 64), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
    // svc outranks this PD, so it has taken the notification by now: this
    // write reaches it with no other.
    buf[1] = 'C';
    moat_alarm_set(moat_time() + MOAT_TIME_HZ / 10000, poll_write, NULL);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
