// SPDX-License-Identifier: BSD-2-Clause
//
// Returning from main with an alarm set: its callback still runs, and the
// program ends once it has (nothing else could run).
#include <stdio.h>

#include <libtock/services/alarm.h>

static libtock_alarm_t alarm;

static void
ring(uint32_t now, uint32_t due, void *ud)
{
    (void)now;
    (void)due;
    (void)ud;
    printf("late: the alarm ran after main returned\n");
}

int
main(void)
{
    libtock_alarm_in_ms(5, ring, NULL, &alarm);
    printf("late: returning\n");
    return 0;
}
