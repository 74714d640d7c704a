// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's synchronous console: the call waits for its own upcall
// (yield_wait_for), running no other meanwhile.
#pragma once

#include "../../libtock/interface/console.h"
#include "../../libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

// Write length bytes; *written is how many were.
returncode_t libtocksync_console_write(const uint8_t *buffer, uint32_t length, int *written);
// RETURNCODE_ENOSUPPORT on moat (no console input for PDs).
returncode_t libtocksync_console_read(uint8_t *buffer, uint32_t length, int *read);

#ifdef __cplusplus
}
#endif
