// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's asynchronous console: the callback runs from yield once the
// operation is done, with its return code and length.
#pragma once

#include "../tock.h"
#include "syscalls/console_syscalls.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*libtock_console_callback_write)(returncode_t, uint32_t);
typedef void (*libtock_console_callback_read)(returncode_t, uint32_t);

bool libtock_console_exists(void);
returncode_t libtock_console_write(const uint8_t *buffer, uint32_t len,
                                   libtock_console_callback_write cb);
returncode_t libtock_console_read(uint8_t *buffer, uint32_t len, libtock_console_callback_read cb);
returncode_t libtock_console_abort_read(void);

#ifdef __cplusplus
}
#endif
