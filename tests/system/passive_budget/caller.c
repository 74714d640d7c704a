// SPDX-License-Identifier: BSD-2-Clause
//
// Calls the passive server in a loop, spinning 20 us of its own between
// calls, during its half of the run: a the first half second, b the second.
// Keeps its own run time in its slot (0 for a, 1 for b) and its count of
// completed calls in slot 5 (a) or 6 (b).
#include "share.h"

#define HALF (MOAT_TIME_HZ / 2)

uintptr_t stats;
static uint64_t start;

static void
calls(void *ud)
{
    (void)ud;
    int me = microkit_name[0] - 'a';
    volatile uint64_t *s = (volatile uint64_t *)stats;
    uint64_t end = start + (me + 1) * HALF;

    while (moat_time() < end) {
        microkit_msginfo r = microkit_ppcall(0, microkit_msginfo_new(0, 0));
        if (microkit_msginfo_get_label(r) == 0)
            s[5 + me]++;
        share_work(&s[me], 200);
    }
}

void
init(void)
{
    start = moat_time();
    if (microkit_name[0] == 'a')
        calls(NULL);
    else
        moat_alarm_set(start + HALF, calls, NULL);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
