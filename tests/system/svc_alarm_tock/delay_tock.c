// SPDX-License-Identifier: BSD-2-Clause
//
// Times a few delays.
#include <libtock-sync/services/alarm.h>

#include "check.h"

#define MS (MOAT_TIME_HZ / 1000)

static uint64_t
timed_delay(uint32_t ms)
{
    uint64_t t0 = moat_time();

    libtocksync_alarm_delay_ms(ms);
    return moat_time() - t0;
}

int
main(void)
{
    uint64_t dt;

    dt = timed_delay(10);
    CHECK_EQ("delay: 10 ms waits at least 10 ms", dt >= 10 * MS, 1);
    CHECK_EQ("delay: 10 ms waits less than 11 ms", dt < 11 * MS, 1);
    dt = timed_delay(1);
    CHECK_EQ("delay: 1 ms waits at least 1 ms", dt >= MS, 1);
    CHECK_EQ("delay: 1 ms waits less than 2 ms", dt < 2 * MS, 1);
    dt = timed_delay(0);
    CHECK_EQ("delay: 0 ms returns within 1 ms", dt < MS, 1);
    dt = timed_delay(25);
    CHECK_EQ("delay: 25 ms waits at least 25 ms", dt >= 25 * MS, 1);
    CHECK_EQ("delay: 25 ms waits less than 26 ms", dt < 26 * MS, 1);
    check_done();
    return 0;
}
