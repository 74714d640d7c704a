// SPDX-License-Identifier: BSD-2-Clause
//
// Passive: works 0.3 ms of its own run time for each call from a (channel
// 0) and 3 ms for each from b (channel 1), adding it to slot 3 (for a) or
// 4 (for b).
#include "share.h"

uintptr_t stats;

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
    (void)msginfo;
    volatile uint64_t *s = (volatile uint64_t *)stats;

    share_work(&s[3 + ch], ch == 0 ? 3000 : 30000);
    return microkit_msginfo_new(0, 0);
}
