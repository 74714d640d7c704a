// SPDX-License-Identifier: BSD-2-Clause
//
// A service provider that does nothing: only its name matters here.
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
