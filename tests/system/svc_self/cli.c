// SPDX-License-Identifier: BSD-2-Clause
//
// Learns its own id from the service, notifies and shares with it: E_INVAL,
// nothing arrives; then the service still answers.
#include "check.h"

static size_t svc, me, idbuf;
static int self_events, answers;

static void
on_self(size_t peer, size_t len, void *buf, void *ud)
{
    (void)peer;
    (void)len;
    (void)buf;
    (void)ud;
    self_events++;
}

static void
check_quiet(void *ud)
{
    (void)ud;
    CHECK_EQ("cli: nothing delivered to itself", self_events, 0);
    CHECK_EQ("cli: the service still takes notifications", moat_ipc_notify_service(svc), E_OK);
}

static void
on_svc(size_t service, size_t len, void *buf, void *ud)
{
    (void)service;
    (void)len;
    (void)buf;
    (void)ud;
    if (++answers == 2) {
        CHECK_EQ("cli: the service still answers", 1, 1);
        check_done();
        return;
    }
    me = idbuf;
    CHECK_EQ("cli: learnt its own id", me != 0 && me != svc, 1);
    moat_ipc_on_client(me, on_self, NULL);
    moat_ipc_on_service(on_self, NULL);
    CHECK_EQ("cli: notify_service(self) E_INVAL", moat_ipc_notify_service(me), E_INVAL);
    CHECK_EQ("cli: notify_client(self) E_INVAL", moat_ipc_notify_client(me), E_INVAL);
    CHECK_EQ("cli: share(self) E_INVAL", moat_ipc_share(me, &idbuf, sizeof idbuf), E_INVAL);
    moat_alarm_set(moat_time() + 3 * MOAT_TIME_HZ / 1000, check_quiet, NULL);
}

void
init(void)
{
    CHECK_EQ("cli: discover", moat_ipc_discover("self.svc", &svc, NULL), E_OK);
    moat_ipc_on_client(svc, on_svc, NULL);
    CHECK_EQ("cli: share", moat_ipc_share(svc, &idbuf, sizeof idbuf), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
