// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's console driver calls (driver 1), on moat's console output
// (SYS_DEBUG_PUTC). moat gives a PD no console input: reading is
// RETURNCODE_ENOSUPPORT.
#pragma once

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_CONSOLE 0x1

// Subscribe 1: (status, bytes written, 0) once a write is done.
returncode_t libtock_console_write_done_set_upcall(subscribe_upcall callback, void *opaque);
// Subscribe 2: (status, bytes read, 0) once a read is done.
returncode_t libtock_console_read_done_set_upcall(subscribe_upcall callback, void *opaque);
// Read-only allow 1: the bytes to write.
returncode_t libtock_console_set_read_allow(const uint8_t *buffer, uint32_t len);
// Read-write allow 1: where a read would put its bytes.
returncode_t libtock_console_set_readwrite_allow(uint8_t *buffer, uint32_t len);
bool libtock_console_command_exists(void);
// Command 1: write the first length bytes of the read-only buffer.
returncode_t libtock_console_command_write(int length);
// Commands 2 and 3: read, abort a read (RETURNCODE_ENOSUPPORT on moat).
returncode_t libtock_console_command_read(int length);
returncode_t libtock_console_command_abort_read(void);

#ifdef __cplusplus
}
#endif
