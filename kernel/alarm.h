// SPDX-License-Identifier: BSD-2-Clause
//
// One alarm per PD: an event delivered through the PD's wait once the time
// (arch_time ticks) passes its deadline.
#pragma once

#include "cpu.h"
#include "kernel.h"

struct pd;

// The earliest deadline of any of the running core's PDs, or UINT64_MAX.
#define alarm_next (this_cpu()->next_alarm)

// Set (deadline > 0) or cancel (0) pd's alarm; a past deadline fires at the
// next timer interrupt, which it arms at once.
void alarm_set(struct pd *pd, uint64_t deadline);

// Timer interrupt: fire every alarm due at `now`.
void alarm_expire(uint64_t now);

// If pd's alarm fired and is not yet delivered, deliver it and return true.
bool alarm_take(struct pd *pd);
