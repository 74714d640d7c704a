// SPDX-License-Identifier: BSD-2-Clause
//
// Discovers org.x.echo and notifies it three times; each answer comes from
// the id it discovered.
#include "check.h"

static size_t echo;
static int rounds;

static void
on_echo(size_t service, size_t len, void *buf, void *ud)
{
    (void)len;
    (void)buf;
    (void)ud;
    CHECK_EQ("cli: answer from the real service", service, echo);
    if (++rounds < 3)
        CHECK_EQ("cli: notify again", moat_ipc_notify_service(echo), E_OK);
}

void
init(void)
{
    CHECK_EQ("cli: discover org.x.echo", moat_ipc_discover("org.x.echo", &echo, NULL), E_OK);
    moat_ipc_on_client(echo, on_echo, NULL);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(echo), E_OK);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
