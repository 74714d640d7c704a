// SPDX-License-Identifier: BSD-2-Clause
//
// Notifies and shares with its own id: E_INVAL each time, and nothing
// arrives. Tells cli its client id (in the buffer cli shares) and answers.
#include "check.h"

static size_t self;
static int self_events;
static char buf[16];

static void
on_client(size_t client, size_t len, void *win, void *ud)
{
    (void)ud;
    if (client == self) {
        self_events++;
        return;
    }
    if (len == sizeof(size_t))
        *(size_t *)win = client; // cli's id, copied back to cli
    moat_ipc_notify_client(client);
}

static void
on_self(size_t service, size_t len, void *win, void *ud)
{
    (void)service;
    (void)len;
    (void)win;
    (void)ud;
    self_events++;
}

static void
check_quiet(void *ud)
{
    (void)ud;
    CHECK_EQ("svc: nothing delivered to itself", self_events, 0);
}

void
init(void)
{
    CHECK_EQ("svc: discover itself", moat_ipc_discover("self.svc", &self, NULL), E_OK);
    moat_ipc_on_service(on_client, NULL);
    moat_ipc_on_client(self, on_self, NULL);
    CHECK_EQ("svc: notify_client(self) E_INVAL", moat_ipc_notify_client(self), E_INVAL);
    CHECK_EQ("svc: notify_service(self) E_INVAL", moat_ipc_notify_service(self), E_INVAL);
    CHECK_EQ("svc: share(self) E_INVAL", moat_ipc_share(self, buf, sizeof buf), E_INVAL);
    CHECK_EQ("svc: unshare(self) E_INVAL", moat_ipc_share(self, NULL, 0), E_INVAL);
    moat_alarm_set(moat_time() + 2 * MOAT_TIME_HZ / 1000, check_quiet, NULL);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
