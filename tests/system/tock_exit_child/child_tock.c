// SPDX-License-Identifier: BSD-2-Clause
//
// A libtock child that sets a repeating and a one-shot alarm, waits for the
// one-shot, and exits with the repeating one still set. Its parent restarts
// it as Microkit does (memory as it is): the runtime must start afresh, with
// no alarm, upcall or pending upcall of the run before. The repeating alarm
// runs 2 to 4 times before the one-shot, by where the millisecond
// boundaries fall; one left from the run before would double that.
#include <stdio.h>

#include <libtock/services/alarm.h>

static int runs; // bss: a restart keeps it
static int reps;
static libtock_alarm_t rep, once;

static void
on_rep(uint32_t now, uint32_t due, void *ud)
{
    (void)now;
    (void)due;
    (void)ud;
    reps++;
}

static void
on_once(uint32_t now, uint32_t due, void *flag)
{
    (void)now;
    (void)due;
    *(bool *)flag = true;
}

int
main(void)
{
    bool fired = false;

    runs++;
    reps = 0;
    libtock_alarm_repeating_every_ms(1, on_rep, NULL, &rep);
    libtock_alarm_in_ms(3, on_once, &fired, &once);
    yield_for(&fired);
    printf("child: run %d: the alarms ran (repeating %d times)\n", runs, reps);
    tock_exit((uint32_t)runs);
}
