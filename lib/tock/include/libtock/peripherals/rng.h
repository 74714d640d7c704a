// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's asynchronous random numbers, over the RNG driver.
#pragma once

#include "../tock.h"
#include "syscalls/rng_syscalls.h"

#ifdef __cplusplus
extern "C" {
#endif

// cb(status, bytes available) once the bytes are in the buffer.
typedef void (*libtock_rng_callback)(returncode_t, int);

bool libtock_rng_exists(void);
// Ask for num random bytes into buf (len bytes long); cb runs from a yield.
returncode_t libtock_rng_get_random_bytes(uint8_t *buf, uint32_t len, uint32_t num,
                                          libtock_rng_callback cb);

#ifdef __cplusplus
}
#endif
