// SPDX-License-Identifier: BSD-2-Clause
//
// Answers each notification and records who sent it.
#include "check.h"

#define EVENTS 8

static size_t order[EVENTS + 4];
static int n;

static void
verdict(void *ud)
{
    int n1 = 0, n2 = 0, alternate = 1;

    (void)ud;
    CHECK_EQ("svc: 8 events in all, none lost and none extra", n, EVENTS);
    for (int i = 0; i < n; i++) {
        n1 += order[i] == order[0];
        n2 += order[i] != order[0];
        if (i > 0)
            alternate &= order[i] != order[i - 1];
    }
    CHECK_EQ("svc: 4 events from the first client (bursts coalesced)", n1, 4);
    CHECK_EQ("svc: 4 events from the second", n2, 4);
    CHECK_EQ("svc: the clients served in turn", alternate, 1);
    check_done();
}

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)len;
    (void)buf;
    (void)ud;
    if (n < EVENTS + 4)
        order[n] = client;
    n++;
    moat_ipc_notify_client(client);
}

void
init(void)
{
    moat_ipc_on_service(on_client, NULL);
    // Everything happens within a fraction of this; then judge.
    moat_alarm_set(moat_time() + 20 * MOAT_TIME_HZ / 1000, verdict, NULL);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
