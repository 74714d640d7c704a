// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's LED interface, over the LED driver (syscalls/led_syscalls.h).
#pragma once

#include "../tock.h"
#include "syscalls/led_syscalls.h"

#ifdef __cplusplus
extern "C" {
#endif

returncode_t libtock_led_count(int *count);
returncode_t libtock_led_on(int led_num);
returncode_t libtock_led_off(int led_num);
returncode_t libtock_led_toggle(int led_num);

#ifdef __cplusplus
}
#endif
