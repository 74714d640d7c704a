// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's LED header before 2024 (<led.h>), for programs of that era.
#pragma once

#include "libtock/interface/syscalls/led_syscalls.h"
#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_LEDS DRIVER_NUM_LED

// The number of LEDs (0 if there is no LED driver), and 0 or a negative
// return code for the others.
int led_count(void);
int led_on(int led_num);
int led_off(int led_num);
int led_toggle(int led_num);

#ifdef __cplusplus
}
#endif
