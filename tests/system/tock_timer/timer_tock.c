// SPDX-License-Identifier: BSD-2-Clause
//
// The pre-2024 headers as programs of that era use them: <timer.h>'s
// timers, delay and timeout, <console.h>'s asynchronous write; and
// libtock's time of day and synchronous timeout.
#include <string.h>

#include <console.h>
#include <libtock-sync/services/alarm.h>
#include <timer.h>

#include "check.h"

#define MS (MOAT_TIME_HZ / 1000)

static int once, every, wrote;
static bool flag;

static void
on_once(int now, int due, int zero, void *ud)
{
    CHECK_EQ("timer_in: due passed", (int32_t)((uint32_t)now - (uint32_t)due) >= 0, 1);
    CHECK_EQ("timer_in: third value 0", zero, 0);
    CHECK_EQ("timer_in: userdata", ud == &once, 1);
    once++;
}

static void
on_every(int now, int due, int zero, void *ud)
{
    (void)now;
    (void)due;
    (void)zero;
    (void)ud;
    every++;
}

static void
on_flag(int now, int due, int zero, void *ud)
{
    (void)now;
    (void)due;
    (void)zero;
    (void)ud;
    flag = true;
}

static void
on_write(int status, int len, int zero, void *ud)
{
    (void)zero;
    (void)ud;
    CHECK_EQ("putnstr_async: status", status, 0);
    wrote = len;
}

int
main(void)
{
    tock_timer_t t1, t2, t3;
    uint64_t t0 = moat_time();

    timer_in(4, on_once, &once, &t1);
    timer_every(1, on_every, NULL, &t2);
    while (!once)
        yield();
    timer_cancel(&t2);
    CHECK_EQ("timer_in: ran once", once, 1);
    CHECK_EQ("timer_in: after 4 ms", moat_time() - t0 >= 4 * MS, 1);
    CHECK_EQ("timer_every: ran every ms meanwhile", every, 4);
    delay_ms(3);
    CHECK_EQ("timer_cancel: no more runs", every, 4);
    CHECK_EQ("delay_ms: waited", moat_time() - t0 >= 7 * MS, 1);

    flag = false;
    CHECK_EQ("yield_for_with_timeout: times out", yield_for_with_timeout(&flag, 2), RETURNCODE_FAIL);
    timer_in(1, on_flag, NULL, &t3);
    CHECK_EQ("yield_for_with_timeout: the condition first", yield_for_with_timeout(&flag, 50),
             RETURNCODE_SUCCESS);
    t0 = moat_time();
    delay_ms(5);
    CHECK_EQ("yield_for_with_timeout: its alarm was cancelled", moat_time() - t0 < 6 * MS, 1);
    flag = false;
    CHECK_EQ("libtocksync: timeout", libtocksync_alarm_yield_for_with_timeout(&flag, 1),
             RETURNCODE_FAIL);

    struct timeval tv;
    uint64_t now = moat_time();
    CHECK_EQ("gettimeasticks", libtock_alarm_gettimeasticks(&tv, NULL), 0);
    CHECK_EQ("gettimeasticks: seconds", tv.tv_sec, (uint32_t)now / MOAT_TIME_HZ);
    CHECK_EQ("gettimeasticks: microseconds", tv.tv_usec < 1000000, 1);

    static const char line[] = "timer: an old-style line\n";
    CHECK_EQ("putnstr_async", putnstr_async(line, strlen(line), on_write, NULL), RETURNCODE_SUCCESS);
    yield();
    CHECK_EQ("putnstr_async: its upcall", wrote, strlen(line));
    check_done();
    return 0;
}
