// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's random-number header before 2024 (<rng.h>).
#pragma once

#include "libtock/peripherals/syscalls/rng_syscalls.h"
#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

// Ask for num random bytes into buf (len bytes); callback(0, received, 0,
// NULL) runs from a yield. 0 or a negative return code.
int rng_async(subscribe_upcall callback, uint8_t *buf, uint32_t len, uint32_t num);
// The same, waiting: the number of bytes received, or a negative return code.
int rng_sync(uint8_t *buf, uint32_t len, uint32_t num);

#ifdef __cplusplus
}
#endif
