// SPDX-License-Identifier: BSD-2-Clause
//
// Tock's alarm driver (driver 0) on moat's per-PD alarm, and libtock-c's
// alarm API over it: virtual alarms, millisecond alarms of any length, the
// synchronous delay, and the timer calls of the pre-2024 <timer.h>.
//
// The driver's counter is the low 32 bits of the time CSR, so it wraps as
// Tock's does (every 2^32 ticks, 429 s at 10 MHz). An alarm (reference, dt)
// is due once the counter has gone dt or more beyond reference, counted
// modulo 2^32; it becomes a 64-bit deadline of moat's alarm when set.
#include <libtock-sync/services/alarm.h>
#include <moat.h>
#include <timer.h>

#include "driver.h"

// --- the driver ----------------------------------------------------------------

static struct tock_upcall alarm_upcall;
static struct {
    bool armed;
    uint32_t reference, dt;
    uint64_t deadline;
} hw;

static void
fired(void *ud)
{
    (void)ud;
    hw.armed = false;
    tock_schedule(&alarm_upcall, (int)(uint32_t)moat_time(), (int)(hw.reference + hw.dt), 0);
}

static void
arm(uint32_t reference, uint32_t dt)
{
    uint64_t now = moat_time();
    uint32_t gone = (uint32_t)now - reference;

    hw.armed = true;
    hw.reference = reference;
    hw.dt = dt;
    // A deadline already passed fires at once (SYS_ALARM); now is never 0.
    hw.deadline = gone >= dt ? now : now + (dt - gone);
    moat_alarm_set(hw.deadline, fired, NULL);
}

void
tock_alarm_poll(void)
{
    if (!hw.armed || moat_time() < hw.deadline)
        return;
    moat_alarm_set(0, NULL, NULL); // drops the kernel's event, which would come again
    fired(NULL);
}

static syscall_return_t
alarm_command(const struct tock_driver *self, uint32_t cmd, int arg1, int arg2)
{
    (void)self;
    switch (cmd) {
    case 0:
        return tock_success();
    case 1:
        return tock_success_u32((uint32_t)MOAT_TIME_HZ);
    case 2:
        return tock_success_u32((uint32_t)moat_time());
    case 3:
        if (!hw.armed)
            return tock_failure(TOCK_STATUSCODE_ALREADY);
        hw.armed = false;
        moat_alarm_set(0, NULL, NULL);
        return tock_success();
    case 5:
        arm((uint32_t)moat_time(), (uint32_t)arg1);
        return tock_success_u32(hw.reference + hw.dt);
    case 6:
        arm((uint32_t)arg1, (uint32_t)arg2);
        return tock_success_u32(hw.reference + hw.dt);
    default:
        return tock_failure(TOCK_STATUSCODE_NOSUPPORT);
    }
}

static struct tock_upcall *
alarm_slot(const struct tock_driver *self, uint32_t sub)
{
    (void)self;
    return sub == 0 ? &alarm_upcall : NULL;
}

static bool
alarm_live(const struct tock_driver *self)
{
    (void)self;
    return hw.armed && alarm_upcall.fn;
}

const struct tock_driver tock_alarm_driver = {
    .num = DRIVER_NUM_ALARM,
    .command = alarm_command,
    .upcall = alarm_slot,
    .live = alarm_live,
};

// --- libtock's driver calls ----------------------------------------------------

bool
libtock_alarm_exists(void)
{
    return driver_exists(DRIVER_NUM_ALARM);
}

int
libtock_alarm_set_upcall(subscribe_upcall callback, void *opaque)
{
    return tock_subscribe_return_to_returncode(subscribe(DRIVER_NUM_ALARM, 0, callback, opaque));
}

int
libtock_alarm_command_get_frequency(uint32_t *frequency)
{
    return tock_command_return_u32_to_returncode(command(DRIVER_NUM_ALARM, 1, 0, 0), frequency);
}

int
libtock_alarm_command_read(uint32_t *time)
{
    return tock_command_return_u32_to_returncode(command(DRIVER_NUM_ALARM, 2, 0, 0), time);
}

int
libtock_alarm_command_stop(void)
{
    return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_ALARM, 3, 0, 0));
}

int
libtock_alarm_command_set_relative(uint32_t dt, uint32_t *actual)
{
    return tock_command_return_u32_to_returncode(command(DRIVER_NUM_ALARM, 5, (int)dt, 0),
                                                 actual);
}

int
libtock_alarm_command_set_absolute(uint32_t reference, uint32_t dt)
{
    uint32_t at;

    return tock_command_return_u32_to_returncode(
        command(DRIVER_NUM_ALARM, 6, (int)reference, (int)dt), &at);
}

// --- virtual alarms ------------------------------------------------------------
// Pending alarms in the order they are due. An alarm's ticks to go (0 once
// due) fall at one rate for all of them, so an order found when one is
// inserted stays true.

static libtock_alarm_ticks_t *pending;

// A restarted PD keeps its memory: start as at boot (lib/ipc.c's
// constructor has dropped moat's alarm and its callback).
__attribute__((constructor)) static void
alarm_restart(void)
{
    alarm_upcall = (struct tock_upcall){0};
    hw.armed = false;
    pending = NULL;
}

static uint32_t
to_go(const libtock_alarm_ticks_t *a, uint32_t now)
{
    uint32_t gone = now - a->reference;

    return gone >= a->dt ? 0 : a->dt - gone;
}

// Set the driver's alarm for the first pending alarm, or stop it.
static void
rearm(void)
{
    if (!pending) {
        (void)libtock_alarm_command_stop();
        return;
    }
    (void)libtock_alarm_command_set_absolute(pending->reference, pending->dt);
}

static void
unlink_alarm(libtock_alarm_ticks_t *a)
{
    if (a->prev)
        a->prev->next = a->next;
    else if (pending == a)
        pending = a->next;
    if (a->next)
        a->next->prev = a->prev;
    a->next = a->prev = NULL;
}

// Run every alarm that is due, in order, then set the driver's alarm for
// the next. An alarm's callback may set and cancel alarms, and takes time:
// the counter is read afresh for each, not taken from the upcall.
static void
upcall(int now_, int scheduled, int unused, void *ud)
{
    (void)now_;
    (void)scheduled;
    (void)unused;
    (void)ud;
    for (;;) {
        uint32_t now;

        (void)libtock_alarm_command_read(&now);
        libtock_alarm_ticks_t *a = pending;
        if (!a || to_go(a, now))
            break;
        unlink_alarm(a);
        if (a->callback)
            a->callback(now, a->reference + a->dt, a->ud);
    }
    rearm();
}

int
libtock_alarm_at(uint32_t reference, uint32_t dt, libtock_alarm_callback callback, void *opaque,
                 libtock_alarm_ticks_t *alarm)
{
    uint32_t now;
    int err = libtock_alarm_command_read(&now);

    if (err != RETURNCODE_SUCCESS)
        return err;
    alarm->reference = reference;
    alarm->dt = dt;
    alarm->callback = callback;
    alarm->ud = opaque;
    alarm->prev = NULL;
    alarm->next = NULL;

    // After every alarm due no later than this one: equals keep their order.
    uint32_t go = to_go(alarm, now);
    libtock_alarm_ticks_t **link = &pending, *prev = NULL;
    while (*link && to_go(*link, now) <= go) {
        prev = *link;
        link = &prev->next;
    }
    alarm->prev = prev;
    alarm->next = *link;
    if (*link)
        (*link)->prev = alarm;
    *link = alarm;
    if (pending != alarm)
        return RETURNCODE_SUCCESS;
    err = libtock_alarm_set_upcall(upcall, NULL);
    if (err != RETURNCODE_SUCCESS)
        return err;
    return libtock_alarm_command_set_absolute(reference, dt);
}

void
libtock_alarm_cancel(libtock_alarm_ticks_t *alarm)
{
    bool first = pending == alarm;

    unlink_alarm(alarm);
    if (first)
        rearm();
}

uint32_t
libtock_alarm_ticks_to_ms(uint32_t ticks)
{
    return (uint32_t)((uint64_t)ticks * 1000 / MOAT_TIME_HZ);
}

int
libtock_alarm_gettimeasticks(struct timeval *tv, void *tzvp)
{
    uint32_t now;

    (void)tzvp;
    (void)libtock_alarm_command_read(&now);
    tv->tv_sec = now / MOAT_TIME_HZ;
    tv->tv_usec = (suseconds_t)((uint64_t)(now % MOAT_TIME_HZ) * 1000000 / MOAT_TIME_HZ);
    return 0;
}

// --- millisecond alarms --------------------------------------------------------
// ms milliseconds are overflows_left alarms of UINT32_MAX ticks, then one
// of remaining_ticks; alarm.callback (the step below) chains them, each
// counted from when the last was due.

static int
arm_step(libtock_alarm_t *a, uint32_t reference, libtock_alarm_callback step)
{
    uint32_t dt = a->overflows_left ? UINT32_MAX : a->remaining_ticks;

    return libtock_alarm_at(reference, dt, step, a, &a->alarm);
}

static int
start_ms(libtock_alarm_t *a, uint32_t reference, libtock_alarm_callback step)
{
    uint64_t ticks = (uint64_t)a->interval_ms * (MOAT_TIME_HZ / 1000);

    a->overflows_left = (uint32_t)(ticks / UINT32_MAX);
    a->remaining_ticks = (uint32_t)(ticks % UINT32_MAX);
    return arm_step(a, reference, step);
}

static void
step_once(uint32_t now, uint32_t due, void *opaque)
{
    libtock_alarm_t *a = opaque;

    if (a->overflows_left) {
        a->overflows_left--;
        arm_step(a, due, step_once);
        return;
    }
    a->callback(now, due, a->user_data);
}

static void
step_repeating(uint32_t now, uint32_t due, void *opaque)
{
    libtock_alarm_t *a = opaque;

    if (a->overflows_left) {
        a->overflows_left--;
        arm_step(a, due, step_repeating);
        return;
    }
    start_ms(a, due, step_repeating);
    a->callback(now, due, a->user_data);
}

int
libtock_alarm_in_ms(uint32_t ms, libtock_alarm_callback cb, void *opaque, libtock_alarm_t *alarm)
{
    uint32_t now;
    int err = libtock_alarm_command_read(&now);

    if (err != RETURNCODE_SUCCESS)
        return err;
    alarm->interval_ms = ms;
    alarm->callback = cb;
    alarm->user_data = opaque;
    return start_ms(alarm, now, step_once);
}

void
libtock_alarm_repeating_every_ms(uint32_t ms, libtock_alarm_callback cb, void *opaque,
                                 libtock_alarm_t *alarm)
{
    uint32_t now;

    if (libtock_alarm_command_read(&now) != RETURNCODE_SUCCESS)
        return;
    alarm->interval_ms = ms;
    alarm->callback = cb;
    alarm->user_data = opaque;
    start_ms(alarm, now, step_repeating);
}

void
libtock_alarm_ms_cancel(libtock_alarm_t *alarm)
{
    libtock_alarm_cancel(&alarm->alarm);
}

// --- synchronous ---------------------------------------------------------------

static void
set_flag(uint32_t now, uint32_t due, void *flag)
{
    (void)now;
    (void)due;
    *(bool *)flag = true;
}

int
libtocksync_alarm_delay_ms(uint32_t ms)
{
    libtock_alarm_t alarm;
    bool fired = false;
    int err = libtock_alarm_in_ms(ms, set_flag, &fired, &alarm);

    if (err != RETURNCODE_SUCCESS)
        return err;
    yield_for(&fired);
    return RETURNCODE_SUCCESS;
}

int
libtocksync_alarm_yield_for_with_timeout(bool *cond, uint32_t ms)
{
    libtock_alarm_t alarm;
    bool timeout = false;
    int err = libtock_alarm_in_ms(ms, set_flag, &timeout, &alarm);

    if (err != RETURNCODE_SUCCESS)
        return err;
    while (!*cond) {
        if (timeout)
            return RETURNCODE_FAIL;
        yield();
    }
    libtock_alarm_ms_cancel(&alarm);
    return RETURNCODE_SUCCESS;
}

// --- <timer.h> -----------------------------------------------------------------

static void
timer_fired(uint32_t now, uint32_t due, void *opaque)
{
    tock_timer_t *t = opaque;

    t->cb((int)now, (int)due, 0, t->ud);
}

void
timer_in(uint32_t ms, subscribe_upcall cb, void *ud, tock_timer_t *timer)
{
    timer->cb = cb;
    timer->ud = ud;
    libtock_alarm_in_ms(ms, timer_fired, timer, &timer->alarm);
}

void
timer_every(uint32_t ms, subscribe_upcall cb, void *ud, tock_timer_t *timer)
{
    timer->cb = cb;
    timer->ud = ud;
    libtock_alarm_repeating_every_ms(ms, timer_fired, timer, &timer->alarm);
}

void
timer_cancel(tock_timer_t *timer)
{
    libtock_alarm_ms_cancel(&timer->alarm);
}

void
delay_ms(uint32_t ms)
{
    libtocksync_alarm_delay_ms(ms);
}

int
yield_for_with_timeout(bool *cond, uint32_t ms)
{
    return libtocksync_alarm_yield_for_with_timeout(cond, ms);
}
