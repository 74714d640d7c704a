// SPDX-License-Identifier: BSD-2-Clause
//
// A plain Microkit server: libmicrokit's event loop and an empty protected().
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

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)ch;
    return msginfo;
}
