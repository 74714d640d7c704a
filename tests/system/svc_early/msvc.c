// SPDX-License-Identifier: BSD-2-Clause
//
// A Microkit-style service that registers its callback only when cli
// signals it, from notified(): cli's earlier notification, taken with no
// callback registered, runs then.
#include "check.h"

static bool registered;

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)len;
    (void)buf;
    (void)ud;
    CHECK_EQ("msvc: callback for the early notification, after registering", registered, true);
    CHECK_EQ("msvc: answer", moat_ipc_notify_client(client), E_OK);
}

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    CHECK_EQ("msvc: signalled on channel 0", ch, 0);
    registered = true;
    CHECK_EQ("msvc: register late", moat_ipc_on_service(on_client, NULL), E_OK);
}
