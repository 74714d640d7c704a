// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's timer header before 2024 (<timer.h>), for programs of that
// era, over the virtual alarms of libtock/services/alarm.h. A timer's
// callback is an upcall: (now, the time it was due, 0, userdata).
#pragma once

#include "libtock/services/alarm.h"
#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tock_timer {
    subscribe_upcall *cb;
    void *ud;
    libtock_alarm_t alarm;
} tock_timer_t;

void timer_in(uint32_t ms, subscribe_upcall cb, void *ud, tock_timer_t *timer);
void timer_every(uint32_t ms, subscribe_upcall cb, void *ud, tock_timer_t *timer);
void timer_cancel(tock_timer_t *timer);
void delay_ms(uint32_t ms);
// RETURNCODE_SUCCESS if cond became true, RETURNCODE_FAIL on the timeout.
int yield_for_with_timeout(bool *cond, uint32_t ms);

#ifdef __cplusplus
}
#endif
