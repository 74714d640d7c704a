// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's console header before 2024 (<console.h>), for programs of
// that era, over the console driver. Reading is TOCK's ENOSUPPORT on moat
// (RETURNCODE_ENOSUPPORT: no console input for PDs).
#pragma once

#include "libtock/interface/syscalls/console_syscalls.h"
#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

// Write len bytes and wait until they are written; the number written, or
// a negative return code.
int putnstr(const char *str, size_t len);
// Write len bytes; cb(status, length, 0, userdata) runs from yield after.
int putnstr_async(const char *str, size_t len, subscribe_upcall cb, void *userdata);
int getnstr(char *str, size_t len);
int getnstr_async(char *str, size_t len, subscribe_upcall cb, void *userdata);
int getch(void);
int getnstr_abort(void);

#ifdef __cplusplus
}
#endif
