// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's LED driver calls (driver 0x2), which a PD serves on moat
// (<tock_driver num="0x2">; the SDK's tock_leds.elf).
#pragma once

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_LED 0x2

bool libtock_led_exists(void);
// Command 0: the number of LEDs, in *count.
returncode_t libtock_led_command_count(int *count);
// Commands 1, 2, 3: turn LED led_num on, off, or toggle it.
returncode_t libtock_led_command_on(int led_num);
returncode_t libtock_led_command_off(int led_num);
returncode_t libtock_led_command_toggle(int led_num);

#ifdef __cplusplus
}
#endif
