// SPDX-License-Identifier: BSD-2-Clause
//
// TRD 104's yields: yield_no_wait with nothing pending and with an alarm
// due, yield running one upcall at a time, yield_wait_for returning its
// upcall's values without running it (nor any other), and a new
// subscription cancelling what was pending for the old one.
#include <libtock/interface/console.h>
#include <libtock/services/alarm.h>
#include <libtock/tock.h>

#include "check.h"

#define MS (MOAT_TIME_HZ / 1000)

static int alarms, writes, last_len;

static void
on_alarm(int now, int due, int zero, void *ud)
{
    (void)now;
    (void)due;
    (void)zero;
    (void)ud;
    alarms++;
}

static void
on_write(int status, int len, int zero, void *ud)
{
    (void)status;
    (void)zero;
    (void)ud;
    writes++;
    last_len = len;
}

static const char line[] = "yield: a line\n";

// Start a console write of the line (its upcall is pending at once).
static void
write_line(void)
{
    allow_ro_return_t a = allow_readonly(DRIVER_NUM_CONSOLE, 1, line, sizeof(line) - 1);
    syscall_return_t r = command(DRIVER_NUM_CONSOLE, 1, sizeof(line) - 1, 0);

    (void)a;

    (void)r;
}

int
main(void)
{
    uint32_t at;

    CHECK_EQ("no_wait: nothing pending", yield_no_wait(), 0);

    subscribe_return_t s = subscribe(DRIVER_NUM_ALARM, 0, on_alarm, NULL);
    (void)s;
    (void)libtock_alarm_command_set_relative(MS, &at);
    CHECK_EQ("no_wait: the alarm not yet due", yield_no_wait(), 0);
    CHECK_EQ("no_wait: ... ran nothing", alarms, 0);
    for (uint64_t t = moat_time(); moat_time() - t < 2 * MS;) {
        // past the alarm's time, without a yield
    }
    CHECK_EQ("no_wait: the alarm due", yield_no_wait(), 1);
    CHECK_EQ("no_wait: ... ran its upcall", alarms, 1);
    CHECK_EQ("no_wait: nothing pending after", yield_no_wait(), 0);
    yield_no_wait();

    // Two upcalls pending: one yield runs one.
    s = subscribe(DRIVER_NUM_CONSOLE, 1, on_write, NULL);
    write_line();
    write_line();
    CHECK_EQ("yield: writes complete in yield only", writes, 0);
    yield();
    CHECK_EQ("yield: one upcall per yield", writes, 1);
    CHECK_EQ("yield: the write's length", last_len, sizeof(line) - 1);
    yield();
    CHECK_EQ("yield: the second in the next", writes, 2);

    // yield_wait_for the alarm while a write's upcall is pending: it returns
    // the alarm's values, runs neither upcall, and leaves the write's.
    write_line();
    (void)libtock_alarm_command_set_relative(2 * MS, &at);
    yield_waitfor_return_t r = yield_wait_for(DRIVER_NUM_ALARM, 0);
    CHECK_EQ("wait_for: the alarm's due time", r.data1, at);
    CHECK_EQ("wait_for: its third value", r.data2, 0);
    CHECK_EQ("wait_for: now is past it", (int32_t)(r.data0 - at) >= 0, 1);
    CHECK_EQ("wait_for: ran no upcall of its own", alarms, 1);
    CHECK_EQ("wait_for: nor the write's", writes, 2);
    CHECK_EQ("wait_for: which is still pending", yield_no_wait(), 1);
    CHECK_EQ("wait_for: ... and ran then", writes, 3);

    // It works with no upcall subscribed, as libtock-sync's calls use it.
    s = subscribe(DRIVER_NUM_CONSOLE, 1, NULL, NULL);
    write_line();
    r = yield_wait_for(DRIVER_NUM_CONSOLE, 1);
    CHECK_EQ("wait_for: a write with no upcall: status", r.data0, TOCK_STATUSCODE_SUCCESS);
    CHECK_EQ("wait_for: ... length", r.data1, sizeof(line) - 1);

    // A write with no upcall subscribed is dropped by yield.
    write_line();
    CHECK_EQ("no_wait: an upcall with no function is not run", yield_no_wait(), 0);

    // A new subscription cancels the old one's pending upcall.
    s = subscribe(DRIVER_NUM_CONSOLE, 1, on_write, NULL);
    write_line();
    s = subscribe(DRIVER_NUM_CONSOLE, 1, on_write, &writes);
    CHECK_EQ("subscribe: returns the previous upcall", s.callback == on_write && !s.userdata, 1);
    CHECK_EQ("subscribe: cancels what was pending", yield_no_wait(), 0);
    CHECK_EQ("subscribe: ... so it never ran", writes, 3);
    check_done();
    return 0;
}
