// SPDX-License-Identifier: BSD-2-Clause
//
// Shares 64 bytes at the start of its first page, then 64 bytes across its
// two pages, notifying svc after each; then, once svc has faulted, finds
// it stopped.
#include "check.h"

static MOAT_IPC_BUFFER(two, 2 * PAGE_SIZE);
static size_t svc;

void
init(void)
{
    two[0] = 'a';
    two[PAGE_SIZE - 1] = 'b';
    two[PAGE_SIZE] = 'Z';
    CHECK_EQ("cli: discover", moat_ipc_discover("reach.svc", &svc, NULL), E_OK);
    CHECK_EQ("cli: share in one page", moat_ipc_share(svc, two, 64), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(svc), E_OK);
    CHECK_EQ("cli: share across two pages", moat_ipc_share(svc, two + PAGE_SIZE - 32, 64), E_OK);
    CHECK_EQ("cli: notify again", moat_ipc_notify_service(svc), E_OK);
    // svc outranks this PD: it has faulted by now.
    CHECK_EQ("cli: svc is stopped", moat_ipc_notify_service(svc), E_DEAD);
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
