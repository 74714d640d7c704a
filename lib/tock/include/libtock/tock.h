// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's tock.h on moat: return and status codes, the raw system calls
// of Tock's TRD 104 (command, subscribe, allow, yield, exit) and their
// conversion helpers, with libtock-c's names, signatures and values. There
// is no Tock kernel under them: lib/tock implements each driver in the
// library on moat's own calls (alarm 0, console 1, IPC 0x10000; any other
// driver is NODEVICE). Upcalls run only inside the yields, as in Tock.
// docs/lib.md ("libtock programs") lists every item and each difference.
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

// An upcall: three values from the driver and the subscription's userdata.
// IPC passes (peer id, length, address): addresses fit in an int on moat.
typedef void (subscribe_upcall)(int, int, int, void *);

// The variants of a system call's return (TRD 104's SyscallReturn).
typedef enum {
    TOCK_SYSCALL_FAILURE = 0,
    TOCK_SYSCALL_FAILURE_U32 = 1,
    TOCK_SYSCALL_FAILURE_U32_U32 = 2,
    TOCK_SYSCALL_FAILURE_U64 = 3,
    TOCK_SYSCALL_SUCCESS = 128,
    TOCK_SYSCALL_SUCCESS_U32 = 129,
    TOCK_SYSCALL_SUCCESS_U32_U32 = 130,
    TOCK_SYSCALL_SUCCESS_U64 = 131,
    TOCK_SYSCALL_SUCCESS_U32_U32_U32 = 132,
    TOCK_SYSCALL_SUCCESS_U32_U64 = 133
} syscall_rtype_t;

// Tock's return codes: 0 or a negated TRD 104 error code.
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

// The kernel's status codes: TRD 104's error codes, and 0 for success.
typedef enum {
    TOCK_STATUSCODE_SUCCESS = 0,
    TOCK_STATUSCODE_FAIL = 1,
    TOCK_STATUSCODE_BUSY = 2,
    TOCK_STATUSCODE_ALREADY = 3,
    TOCK_STATUSCODE_OFF = 4,
    TOCK_STATUSCODE_RESERVE = 5,
    TOCK_STATUSCODE_INVAL = 6,
    TOCK_STATUSCODE_SIZE = 7,
    TOCK_STATUSCODE_CANCEL = 8,
    TOCK_STATUSCODE_NOMEM = 9,
    TOCK_STATUSCODE_NOSUPPORT = 10,
    TOCK_STATUSCODE_NODEVICE = 11,
    TOCK_STATUSCODE_UNINSTALLED = 12,
    TOCK_STATUSCODE_NOACK = 13,
} statuscode_t;

// A command's result: a failure's status code is data[0].
typedef struct {
    syscall_rtype_t type;
    uint32_t data[3];
} syscall_return_t;

// subscribe: the upcall it replaced (on success) or the one passed (on failure).
typedef struct {
    bool success;
    subscribe_upcall *callback;
    void *userdata;
    statuscode_t status;
} subscribe_return_t;

// The allows: the buffer replaced (on success) or the one passed (on failure).
typedef struct {
    bool success;
    void *ptr;
    size_t size;
    statuscode_t status;
} allow_rw_return_t;

typedef struct {
    bool success;
    const void *ptr;
    size_t size;
    statuscode_t status;
} allow_ro_return_t;

typedef struct {
    bool success;
    void *ptr;
    size_t size;
    statuscode_t status;
} allow_userspace_r_return_t;

typedef struct {
    statuscode_t status;
    uint32_t data; // set only if status is TOCK_STATUSCODE_SUCCESS
} memop_return_t;

// What yield_wait_for returns: the three values of the upcall it waited for.
typedef struct {
    uint32_t data0;
    uint32_t data1;
    uint32_t data2;
} yield_waitfor_return_t;

// Conversions between the kinds of result (libtock-c's): a status code
// negated; a command expected to carry no value, or one u32 (stored in
// *val); anything else RETURNCODE_EBADRVAL.
int tock_status_to_returncode(statuscode_t status);
int tock_command_return_novalue_to_returncode(syscall_return_t ret);
int tock_command_return_u32_to_returncode(syscall_return_t ret, uint32_t *val);
int tock_subscribe_return_to_returncode(subscribe_return_t ret);
int tock_allow_rw_return_to_returncode(allow_rw_return_t ret);
int tock_allow_ro_return_to_returncode(allow_ro_return_t ret);
int tock_allow_userspace_r_return_to_returncode(allow_userspace_r_return_t ret);

// Queue cb(arg0, arg1, arg2, ud) to run from a later yield, as an upcall:
// a non-negative number, or -1 if the queue is full.
int tock_enqueue(subscribe_upcall cb, int arg0, int arg1, int arg2, void *ud);
// Run one pending upcall without waiting: 1 if it ran one, else 0.
int yield_check_tasks(void);

// Wait until one upcall has run, and return.
void yield(void);
// yield() until *cond is true.
void yield_for(bool *cond);
// Run one upcall if one is pending: 1 if it ran one, 0 if none was pending.
int yield_no_wait(void);
// Wait for the upcall (driver, subscribe) and return its values without
// running it (nor any other upcall meanwhile; those stay pending).
yield_waitfor_return_t yield_wait_for(uint32_t driver, uint32_t subscribe);

// End this program for good (completion_code is kept in a0 for the
// kernel's fault report). moat stops the PD through a breakpoint fault:
// docs/lib.md says why.
void tock_exit(uint32_t completion_code) __attribute__((noreturn));
// Start this program again from main, with its memory as at boot (moat
// resets the PD: docs/lib.md, "The runtime"). The completion code is not kept.
void tock_restart(uint32_t completion_code) __attribute__((noreturn));

__attribute__((warn_unused_result)) syscall_return_t command(uint32_t driver, uint32_t command,
                                                             int arg1, int arg2);

// The Null upcall, to unsubscribe.
#define TOCK_NULL_UPCALL 0

__attribute__((warn_unused_result)) subscribe_return_t
subscribe(uint32_t driver, uint32_t subscribe, subscribe_upcall uc, void *userdata);
__attribute__((warn_unused_result)) allow_rw_return_t allow_readwrite(uint32_t driver,
                                                                      uint32_t allow, void *ptr,
                                                                      size_t size);
__attribute__((warn_unused_result)) allow_userspace_r_return_t
allow_userspace_read(uint32_t driver, uint32_t allow, void *ptr, size_t size);
__attribute__((warn_unused_result)) allow_ro_return_t allow_readonly(uint32_t driver,
                                                                     uint32_t allow,
                                                                     const void *ptr, size_t size);

// Memory operations: moat's PDs have a fixed layout, so only the ones that
// report it exist (2: RAM start, 3: RAM end, 4: flash (text) start, 5:
// flash end); brk and sbrk (0, 1) and the rest are NOSUPPORT.
memop_return_t memop(uint32_t op_type, int arg1);

// Whether driver `driver` exists (its command 0 succeeds).
bool driver_exists(uint32_t driver);

// Words for a status code or a return code (libtock-c's).
const char *tock_strerr(statuscode_t status);
const char *tock_strrcode(returncode_t returncode);

// If actual is not expected, say so (where, both values, the return code's
// words) and exit(1).
void tock_expect(int expected, int actual, const char *file, unsigned line);
#define TOCK_EXPECT(_e, _a) tock_expect((_e), (_a), __FILE__, __LINE__)

// The program's layout by memop (NULL, or 0 regions, where memop has none).
void *tock_app_memory_begins_at(void);
void *tock_app_memory_ends_at(void);
void *tock_app_flash_begins_at(void);
void *tock_app_flash_ends_at(void);
void *tock_app_grant_begins_at(void);
int tock_app_number_writeable_flash_regions(void);
void *tock_app_writeable_flash_region_begins_at(int region_index);
void *tock_app_writeable_flash_region_ends_at(int region_index);

// The moat error code err (E_*) as a Tock return code.
returncode_t tock_moat_to_returncode(long err);

#ifdef __cplusplus
}
#endif
