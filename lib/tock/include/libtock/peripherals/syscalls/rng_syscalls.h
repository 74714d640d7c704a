// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's random-number driver calls (driver 0x40001), which a PD
// serves on moat (<tock_driver num="0x40001">; the SDK's tock_rng.elf).
#pragma once

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_RNG 0x40001

bool libtock_rng_driver_exists(void);
// Read-write allow 0: where the random bytes go.
returncode_t libtock_rng_set_allow_readwrite(uint8_t *buf, uint32_t len);
// Subscribe 0: (0, bytes received, 0) once the request is done.
returncode_t libtock_rng_set_upcall(subscribe_upcall callback, void *opaque);
// Command 1: ask for num_bytes random bytes into the allowed buffer.
returncode_t libtock_rng_command_get_random(uint32_t num_bytes);

#ifdef __cplusplus
}
#endif
