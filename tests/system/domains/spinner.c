// SPDX-License-Identifier: BSD-2-Clause
//
// Spins for ever, keeping the time it ran in its slot of `stats` (slot 0
// for a, 1 for b, ...).
#include "share.h"

uintptr_t stats;

void
init(void)
{
    volatile uint64_t *slot = (volatile uint64_t *)stats + (microkit_name[0] - 'a');

    share_spin(slot, 0, 0);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
