// SPDX-License-Identifier: BSD-2-Clause
//
// Uses svc across a restart and a reset of it: the old ids go stale.
#include "check.h"

static size_t id1, id2, id3;
static uint32_t counter;
static int step;

static void
ask_monitor(seL4_Word label)
{
    microkit_ppcall(0, microkit_msginfo_new(label, 0));
}

static void
on_svc(size_t service, size_t len, void *buf, void *ud)
{
    (void)len;
    (void)buf;
    (void)ud;
    switch (++step) {
    case 1:
        CHECK_EQ("cli: answer from the first incarnation", service, id1);
        CHECK_EQ("cli: counter 1", counter, 1);
        ask_monitor(1);
        CHECK_EQ("cli: restart: notify(old id) E_STALE", moat_ipc_notify_service(id1), E_STALE);
        CHECK_EQ("cli: restart: share(old id) E_STALE", moat_ipc_share(id1, &counter, 4), E_STALE);
        CHECK_EQ("cli: restart: unshare(old id) E_STALE", moat_ipc_share(id1, NULL, 0), E_STALE);
        CHECK_EQ("cli: restart: discover again", moat_ipc_discover("stale.svc", &id2, NULL), E_OK);
        CHECK_EQ("cli: restart: a new id", id2 != id1 && id2 != 0, 1);
        CHECK_EQ("cli: restart: notify(new id), not sharing", moat_ipc_notify_service(id2), E_OK);
        break;
    case 2:
        CHECK_EQ("cli: answer from the second incarnation", service, id2);
        CHECK_EQ("cli: the restart revoked the share (counter still 1)", counter, 1);
        CHECK_EQ("cli: share(new id)", moat_ipc_share(id2, &counter, 4), E_OK);
        CHECK_EQ("cli: notify(new id)", moat_ipc_notify_service(id2), E_OK);
        break;
    case 3:
        CHECK_EQ("cli: answer with the new share", service, id2);
        CHECK_EQ("cli: counter 2", counter, 2);
        ask_monitor(2);
        CHECK_EQ("cli: reset: notify(old id) E_STALE", moat_ipc_notify_service(id2), E_STALE);
        CHECK_EQ("cli: reset: notify(first id) E_STALE", moat_ipc_notify_service(id1), E_STALE);
        CHECK_EQ("cli: reset: share(old id) E_STALE", moat_ipc_share(id2, &counter, 4), E_STALE);
        CHECK_EQ("cli: reset: discover again", moat_ipc_discover("stale.svc", &id3, NULL), E_OK);
        CHECK_EQ("cli: reset: a new id", id3 != id2 && id3 != id1 && id3 != 0, 1);
        CHECK_EQ("cli: reset: share(new id)", moat_ipc_share(id3, &counter, 4), E_OK);
        CHECK_EQ("cli: reset: notify(new id)", moat_ipc_notify_service(id3), E_OK);
        break;
    default:
        CHECK_EQ("cli: answer from the third incarnation", service, id3);
        CHECK_EQ("cli: counter 3", counter, 3);
        check_done();
    }
}

void
init(void)
{
    CHECK_EQ("cli: discover", moat_ipc_discover("stale.svc", &id1, NULL), E_OK);
    moat_ipc_on_client(id1, on_svc, NULL); // any incarnation of the PD
    CHECK_EQ("cli: share", moat_ipc_share(id1, &counter, 4), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(id1), E_OK);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
