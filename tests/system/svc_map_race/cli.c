// SPDX-License-Identifier: BSD-2-Clause
//
// Shares, notifies, and from its alarm (which preempts svc's writing)
// unshares; then checks that nothing more arrives and that svc goes on.
#include "check.h"

uintptr_t count_vaddr;
static volatile uint64_t *count;
static MOAT_IPC_BUFFER(buf, 64);
static size_t svc;
static uint64_t at_unshare;

static void
after(void *ud)
{
    (void)ud;
    int clean = 1;

    for (int i = 0; i < 64; i++)
        clean &= buf[i] == 'c';
    CHECK_EQ("cli: nothing of svc's after the unshare", clean, 1);
    CHECK_EQ("cli: svc wrote on, unfaulted", *count > at_unshare, 1);
    check_done();
}

static void
during(void *ud)
{
    (void)ud;
    CHECK_EQ("cli: svc is writing the buffer", *count > 0 && buf[0] == 'w', 1);
    CHECK_EQ("cli: unshare while svc writes", moat_ipc_share(svc, NULL, 0), E_OK);
    at_unshare = *count;
    for (int i = 0; i < 64; i++)
        buf[i] = 'c';
    moat_alarm_set(moat_time() + MOAT_TIME_HZ / 500, after, NULL); // 2 ms
}

void
init(void)
{
    count = (volatile uint64_t *)count_vaddr;
    CHECK_EQ("cli: discover", moat_ipc_discover("race.svc", &svc, NULL), E_OK);
    CHECK_EQ("cli: share", moat_ipc_share(svc, buf, 64), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
    moat_alarm_set(moat_time() + MOAT_TIME_HZ / 500, during, NULL);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
