// SPDX-License-Identifier: BSD-2-Clause
//
// Provides svc.alpha. Discovers its own name (own=true) and not svc.beta,
// a real service it is no client of. cli shares the id it discovered for
// svc.alpha: it must be alpha's own id.
#include "check.h"

static size_t self;

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)ud;
    CHECK_EQ("alpha: cli shared one id", len, sizeof(size_t));
    CHECK_EQ("alpha: cli's id for svc.alpha is alpha's own id", *(size_t *)buf, self);
    CHECK_EQ("alpha: answer cli", moat_ipc_notify_client(client), E_OK);
}

void
init(void)
{
    size_t id = 7;
    bool own = false;

    CHECK_EQ("alpha: own name found", moat_ipc_discover("svc.alpha", &self, &own), E_OK);
    CHECK_EQ("alpha: own name is own", own, true);
    CHECK_EQ("alpha: own id not 0", self != 0, 1);
    CHECK_EQ("alpha: svc.beta (not its client) E_NOENT", moat_ipc_discover("svc.beta", &id, &own),
             E_NOENT);
    CHECK_EQ("alpha: id untouched on error", id, 7);
    CHECK_EQ("alpha: register", moat_ipc_on_service(on_client, NULL), E_OK);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
