// SPDX-License-Identifier: BSD-2-Clause
//
// Provides no service and uses none. In Tock an empty search matched a
// nameless app (bug 7); here nothing matches, not even plain's PD name.
#include "check.h"

void
init(void)
{
    size_t id = 7;

    CHECK_EQ("plain: empty name E_NOENT", moat_ipc_discover("", &id, NULL), E_NOENT);
    CHECK_EQ("plain: own PD name E_NOENT", moat_ipc_discover("plain", &id, NULL), E_NOENT);
    CHECK_EQ("plain: svc.alpha (not its client) E_NOENT", moat_ipc_discover("svc.alpha", &id, NULL),
             E_NOENT);
    CHECK_EQ("plain: id untouched", id, 7);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
