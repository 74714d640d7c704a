// SPDX-License-Identifier: BSD-2-Clause
//
// One alarm after another, from each alarm's callback.
#include "check.h"

#define MS (MOAT_TIME_HZ / 1000)

static uint64_t d1, db, tp;
static int n_once, n_replaced, n_b, n_past, n_cancelled;

static void
busy_until(uint64_t t)
{
    while (moat_time() < t) {
    }
}

static void
on_cancelled(void *ud)
{
    (void)ud;
    n_cancelled++;
}

static void
on_past(void *ud)
{
    uint64_t late = moat_time() - tp;

    (void)ud;
    n_past++;
    CHECK_EQ("alarm: a past deadline fires within 1 ms", late < MS, 1);
    // Cancelled before its deadline.
    moat_alarm_set(moat_time() + MS, on_cancelled, NULL);
    moat_alarm_set(0, NULL, NULL);
    busy_until(moat_time() + 2 * MS);
    // Cancelled after its deadline passed while this PD was busy (the
    // kernel had it due), with the callback still registered.
    uint64_t d = moat_time() + MS / 2;
    moat_alarm_set(d, on_cancelled, NULL);
    busy_until(d + MS);
    moat_alarm_set(0, on_cancelled, NULL);
    microkit_notify(0); // ticker: wake me in 5 ms
}

static void
on_b(void *ud)
{
    (void)ud;
    n_b++;
    CHECK_EQ("alarm: the replacing alarm fires, not before its deadline", moat_time() >= db, 1);
    CHECK_EQ("alarm: the replaced alarm did not fire", n_replaced, 0);
    tp = moat_time();
    moat_alarm_set(1, on_past, NULL);
}

static void
on_replaced(void *ud)
{
    (void)ud;
    n_replaced++;
}

static void
on_once(void *ud)
{
    uint64_t now = moat_time();

    (void)ud;
    n_once++;
    CHECK_EQ("alarm: fires, not before its deadline", now >= d1, 1);
    CHECK_EQ("alarm: and within 1 ms of it", now - d1 < MS, 1);
    moat_alarm_set(now + MS, on_replaced, NULL);
    db = now + 3 * MS;
    moat_alarm_set(db, on_b, NULL);
}

void
init(void)
{
    d1 = moat_time() + 2 * MS;
    moat_alarm_set(d1, on_once, NULL);
}

void
notified(microkit_channel ch)
{
    CHECK_EQ("alarm: ticker signalled", ch, 0);
    CHECK_EQ("alarm: cancelled alarms did not fire", n_cancelled, 0);
    CHECK_EQ("alarm: each alarm fired once", n_once == 1 && n_b == 1 && n_past == 1, 1);
    check_done();
}
