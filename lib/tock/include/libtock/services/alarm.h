// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's virtual alarms: any number of alarms, kept in order in the
// library, over the one alarm of driver 0. The caller owns each alarm's
// structure until it has fired or been cancelled. Callbacks run from yield,
// as (now, the time it was set for, opaque).
#pragma once

#include <sys/time.h>

#include "../peripherals/syscalls/alarm_syscalls.h"
#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*libtock_alarm_callback)(uint32_t, uint32_t, void *);

uint32_t libtock_alarm_ticks_to_ms(uint32_t ticks);

// An alarm in ticks (at most 2^32 - 1 of them).
typedef struct alarm {
    uint32_t reference;
    uint32_t dt;
    libtock_alarm_callback callback;
    void *ud;
    struct alarm *next;
    struct alarm *prev;
} libtock_alarm_ticks_t;

// An alarm in milliseconds, of any length: it runs as a chain of alarms in
// ticks.
typedef struct alarm_data {
    uint32_t interval_ms;
    uint32_t overflows_left;
    uint32_t remaining_ticks;
    libtock_alarm_callback callback;
    void *user_data;
    libtock_alarm_ticks_t alarm;
} libtock_alarm_t;

// Fire callback once the counter is dt ticks beyond reference.
int libtock_alarm_at(uint32_t reference, uint32_t dt, libtock_alarm_callback callback,
                     void *opaque, libtock_alarm_ticks_t *alarm);
void libtock_alarm_cancel(libtock_alarm_ticks_t *alarm);

// The counter as a struct timeval (for a program's own _gettimeofday).
int libtock_alarm_gettimeasticks(struct timeval *tv, void *tzvp);

// Fire cb once, ms milliseconds from now; or every ms milliseconds, each
// time counted from when the last was due (so they do not drift).
int libtock_alarm_in_ms(uint32_t ms, libtock_alarm_callback cb, void *opaque,
                        libtock_alarm_t *alarm);
void libtock_alarm_repeating_every_ms(uint32_t ms, libtock_alarm_callback cb, void *opaque,
                                      libtock_alarm_t *alarm);
void libtock_alarm_ms_cancel(libtock_alarm_t *alarm);

#ifdef __cplusplus
}
#endif
