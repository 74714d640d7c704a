// SPDX-License-Identifier: BSD-2-Clause
//
// The alarm driver through the raw calls (command, subscribe, yield), then
// libtock-c's virtual alarms multiplexed over it: set out of order, one
// cancelled, a repeating one, a millisecond one, all firing in order.
#include <libtock-sync/services/alarm.h>
#include <libtock/services/alarm.h>
#include <libtock/tock.h>

#include "check.h"

#define MS (MOAT_TIME_HZ / 1000)

static int fired, got_now, got_due;
static void *got_ud;

static void
raw_upcall(int now, int due, int zero, void *ud)
{
    fired++;
    got_now = now;
    got_due = due;
    got_ud = ud;
    CHECK_EQ("raw: the upcall's third value is 0", zero, 0);
}

static char order[16];
static int norder;

static void
mark(uint32_t now, uint32_t due, void *opaque)
{
    CHECK_EQ("virtual: a callback runs once its time is due", (int32_t)(now - due) >= 0, 1);
    order[norder++] = *(const char *)opaque;
}

static void
raw(void)
{
    syscall_return_t r;
    uint32_t hz = 0, t0 = 0, t1 = 0;

    r = command(DRIVER_NUM_ALARM, 0, 0, 0);
    CHECK_EQ("raw: command 0 succeeds", r.type, TOCK_SYSCALL_SUCCESS);
    CHECK_EQ("raw: frequency", libtock_alarm_command_get_frequency(&hz), RETURNCODE_SUCCESS);
    CHECK_EQ("raw: frequency is moat's timebase", hz, MOAT_TIME_HZ);
    CHECK_EQ("raw: read", libtock_alarm_command_read(&t0), RETURNCODE_SUCCESS);
    CHECK_EQ("raw: read again", libtock_alarm_command_read(&t1), RETURNCODE_SUCCESS);
    CHECK_EQ("raw: the counter is the time CSR's low half", t1 - t0 < MS, 1);
    r = command(DRIVER_NUM_ALARM, 3, 0, 0);
    CHECK_EQ("raw: stop with no alarm is a failure", r.type, TOCK_SYSCALL_FAILURE);
    CHECK_EQ("raw: ... EALREADY", tock_command_return_novalue_to_returncode(r),
             RETURNCODE_EALREADY);
    r = command(DRIVER_NUM_ALARM, 4, 0, 0);
    CHECK_EQ("raw: command 4 is NOSUPPORT", tock_command_return_novalue_to_returncode(r),
             RETURNCODE_ENOSUPPORT);

    subscribe_return_t s = subscribe(DRIVER_NUM_ALARM, 0, raw_upcall, &fired);
    CHECK_EQ("raw: subscribe succeeds", s.success, 1);
    CHECK_EQ("raw: ... and returns the Null upcall", s.callback == NULL && s.userdata == NULL, 1);
    s = subscribe(DRIVER_NUM_ALARM, 1, raw_upcall, NULL);
    CHECK_EQ("raw: subscribe 1 is NOSUPPORT", tock_subscribe_return_to_returncode(s),
             RETURNCODE_ENOSUPPORT);
    CHECK_EQ("raw: ... and returns the upcall passed", s.callback == raw_upcall, 1);

    uint32_t at = 0;
    CHECK_EQ("raw: set relative", libtock_alarm_command_set_relative(2 * MS, &at),
             RETURNCODE_SUCCESS);
    CHECK_EQ("raw: nothing runs outside yield", fired, 0);
    yield();
    CHECK_EQ("raw: yield ran the upcall", fired, 1);
    CHECK_EQ("raw: its second value is when it was due", (uint32_t)got_due, at);
    CHECK_EQ("raw: its first is now, past that", (int32_t)((uint32_t)got_now - at) >= 0, 1);
    CHECK_EQ("raw: the userdata is the subscription's", got_ud == &fired, 1);

    // A time already passed (reference + dt behind the counter) fires at once.
    (void)libtock_alarm_command_read(&t0);
    CHECK_EQ("raw: set absolute in the past",
             libtock_alarm_command_set_absolute(t0 - 10 * MS, 5 * MS), RETURNCODE_SUCCESS);
    yield();
    CHECK_EQ("raw: ... fires at once", fired, 2);
    (void)libtock_alarm_command_read(&t1);
    CHECK_EQ("raw: ... within a millisecond", t1 - t0 < MS, 1);

    // A stopped alarm does not fire; the next one does.
    CHECK_EQ("raw: set absolute", libtock_alarm_command_set_absolute(t1, MS), RETURNCODE_SUCCESS);
    CHECK_EQ("raw: stop", libtock_alarm_command_stop(), RETURNCODE_SUCCESS);
    CHECK_EQ("raw: set relative again", libtock_alarm_command_set_relative(3 * MS, &at),
             RETURNCODE_SUCCESS);
    yield();
    CHECK_EQ("raw: the stopped alarm never ran", fired, 3);
    CHECK_EQ("raw: the one after it did", (uint32_t)got_due, at);

    s = subscribe(DRIVER_NUM_ALARM, 0, NULL, NULL);
    CHECK_EQ("raw: unsubscribe returns the upcall", s.callback == raw_upcall && s.userdata == &fired,
             1);
}

static void
virtual(void)
{
    libtock_alarm_ticks_t a, b, c, d;
    libtock_alarm_t e, rep;
    uint32_t now;
    uint64_t t0;

    t0 = moat_time();
    (void)libtock_alarm_command_read(&now);
    CHECK_EQ("virtual: at c", libtock_alarm_at(now, 6 * MS, mark, "c", &c), RETURNCODE_SUCCESS);
    CHECK_EQ("virtual: at a", libtock_alarm_at(now, 2 * MS, mark, "a", &a), RETURNCODE_SUCCESS);
    CHECK_EQ("virtual: at d", libtock_alarm_at(now, 8 * MS, mark, "d", &d), RETURNCODE_SUCCESS);
    CHECK_EQ("virtual: at b", libtock_alarm_at(now, 4 * MS, mark, "b", &b), RETURNCODE_SUCCESS);
    libtock_alarm_cancel(&c);
    CHECK_EQ("virtual: in 5 ms", libtock_alarm_in_ms(5, mark, "e", &e), RETURNCODE_SUCCESS);
    libtock_alarm_repeating_every_ms(3, mark, "r", &rep);
    while (norder < 7)
        yield();
    libtock_alarm_ms_cancel(&rep);
    order[norder] = '\0';
    // Due: a at 2 ms, b 4, e 5, d 8, r every 3 (3, 6, 9); c never.
    CHECK_EQ("virtual: in order a r b e r d r",
             order[0] == 'a' && order[1] == 'r' && order[2] == 'b' && order[3] == 'e' &&
                 order[4] == 'r' && order[5] == 'd' && order[6] == 'r',
             1);
    CHECK_EQ("virtual: the cancelled one never ran", norder, 7);
    CHECK_EQ("virtual: the last ran 9 ms after the first was set", moat_time() - t0 >= 9 * MS, 1);
    CHECK_EQ("virtual: ... not 10", moat_time() - t0 < 10 * MS, 1);

    t0 = moat_time();
    CHECK_EQ("sync: delay", libtocksync_alarm_delay_ms(3), RETURNCODE_SUCCESS);
    CHECK_EQ("sync: the repeating alarm is cancelled", norder, 7);
    CHECK_EQ("sync: delay waited 3 ms", moat_time() - t0 >= 3 * MS, 1);
    CHECK_EQ("sync: ticks to ms", libtock_alarm_ticks_to_ms(25 * MS), 25);
}

int
main(void)
{
    CHECK_EQ("raw: the alarm exists", libtock_alarm_exists(), 1);
    raw();
    virtual();
    check_done();
    return 0;
}
