// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's synchronous random numbers.
#pragma once

#include <libtock/peripherals/rng.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

bool libtocksync_rng_exists(void);
// Ask for num random bytes into buf (len bytes long) and wait for them;
// *num_received is how many arrived.
returncode_t libtocksync_rng_get_random_bytes(uint8_t *buf, uint32_t len, uint32_t num,
                                              int *num_received);

#ifdef __cplusplus
}
#endif
