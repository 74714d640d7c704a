// SPDX-License-Identifier: BSD-2-Clause
//
// Provides noent.other, which nobody may use.
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
