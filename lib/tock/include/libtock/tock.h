// SPDX-License-Identifier: BSD-2-Clause
//
// The part of libtock-c's tock.h that IPC programs use, on moat: return
// codes, the upcall type, and yield. Callbacks run only inside yield, one
// per call, as in Tock. docs/lib.md maps each function onto moat.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// libtock-c programs cast the int address an IPC upcall carries to a
// pointer, which GCC warns about on RV64 (an error under -Werror). moat keeps
// those addresses below 2 GiB, so the cast is exact; for such programs to
// build unchanged, the warning is off wherever this header is included.
#pragma GCC diagnostic ignored "-Wint-to-pointer-cast"

#ifdef __cplusplus
extern "C" {
#endif

// Tock's return codes (TRD104's error codes, negated).
typedef enum {
    RETURNCODE_SUCCESS = 0,
    RETURNCODE_FAIL = -1,
    RETURNCODE_EBUSY = -2,
    RETURNCODE_EALREADY = -3,
    RETURNCODE_EOFF = -4,
    RETURNCODE_ERESERVE = -5,
    RETURNCODE_EINVAL = -6,
    RETURNCODE_ESIZE = -7,
    RETURNCODE_ECANCEL = -8,
    RETURNCODE_ENOMEM = -9,
    RETURNCODE_ENOSUPPORT = -10,
    RETURNCODE_ENODEVICE = -11,
    RETURNCODE_EUNINSTALLED = -12,
    RETURNCODE_ENOACK = -13,
    RETURNCODE_EBADRVAL = -1024
} returncode_t;

// An upcall: three values from the kernel and the registration's userdata.
// IPC passes (peer id, length, address): addresses fit in an int on moat.
typedef void (subscribe_upcall)(int, int, int, void *);

// Wait until one callback has run, and return.
void yield(void);

// yield() until *cond is true.
void yield_for(bool *cond);

// The moat error code err (E_*) as a Tock return code.
returncode_t tock_moat_to_returncode(long err);

#ifdef __cplusplus
}
#endif
