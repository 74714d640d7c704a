// SPDX-License-Identifier: BSD-2-Clause
//
// Provides perm.other, used by svc.
#include <microkit.h>

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
