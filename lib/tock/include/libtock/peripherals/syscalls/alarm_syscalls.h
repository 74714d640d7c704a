// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's alarm driver calls (driver 0), on moat's per-PD alarm: one
// 32-bit counter of MOAT_TIME_HZ ticks (the time CSR's low half) and one
// alarm, whose upcall is (now, reference + dt, 0).
#pragma once

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_ALARM 0x0

bool libtock_alarm_exists(void);
// Subscribe to the alarm's upcall (subscribe 0).
int libtock_alarm_set_upcall(subscribe_upcall callback, void *opaque);
// Command 1: the counter's frequency in Hz.
int libtock_alarm_command_get_frequency(uint32_t *frequency);
// Command 2: the counter.
int libtock_alarm_command_read(uint32_t *time);
// Command 3: cancel the alarm (RETURNCODE_EALREADY if none is set).
int libtock_alarm_command_stop(void);
// Command 5: set the alarm dt ticks from now; *actual is when it fires.
int libtock_alarm_command_set_relative(uint32_t dt, uint32_t *actual);
// Command 6: set the alarm to reference + dt (at once if that has passed:
// the counter has gone dt or more beyond reference).
int libtock_alarm_command_set_absolute(uint32_t reference, uint32_t dt);

#ifdef __cplusplus
}
#endif
