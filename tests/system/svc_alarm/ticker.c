// SPDX-License-Identifier: BSD-2-Clause
//
// Signalled on channel 0, signals back 5 ms later (its own alarm).
#include <moat.h>

static void
tick(void *ud)
{
    (void)ud;
    microkit_notify(0);
}

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
    moat_alarm_set(moat_time() + 5 * MOAT_TIME_HZ / 1000, tick, NULL);
}
