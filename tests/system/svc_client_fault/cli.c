// SPDX-License-Identifier: BSD-2-Clause
//
// First run: shares, notifies, and faults. Restarted by monitor (its memory
// survives, and so does `runs`): notifies svc again, sharing nothing, and
// checks that svc's answer leaves its old buffer as it was.
#include "check.h"

static char buf[16] = "ABCDEFGHIJKLMNOP";
static int runs;

static void
on_svc(size_t service, size_t len, void *b, void *ud)
{
    const char *want = "ABCDEFGHIJKLMNOP";
    int same = 1;

    (void)service;
    (void)len;
    (void)b;
    (void)ud;
    for (int i = 0; i < 16; i++)
        same &= buf[i] == want[i];
    CHECK_EQ("cli: svc's writes to the old window are not in the buffer", same, 1);
    check_done();
}

void
init(void)
{
    size_t svc;

    CHECK_EQ("cli: discover", moat_ipc_discover("fault.svc", &svc, NULL), E_OK);
    if (runs++) {
        moat_dbg_puts("cli: restarted\n");
        moat_ipc_on_client(svc, on_svc, NULL);
        CHECK_EQ("cli: notify, sharing nothing", moat_ipc_notify_service(svc), E_OK);
        return;
    }
    CHECK_EQ("cli: share", moat_ipc_share(svc, buf, sizeof buf), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
    *(volatile seL4_Word *)0x1000 = 1; // unmapped: a store page fault
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
