// SPDX-License-Identifier: BSD-2-Clause
//
// Which drivers exist (0, 1, 0x10000) and what every call on any other
// returns (NODEVICE), the calls no driver here has (NOSUPPORT), libtock-c's
// conversion helpers and strings, and memop.
#include <string.h>

#include <libtock/tock.h>

#include "check.h"

#define STR_EQ(name, got, want) CHECK_EQ(name, strcmp((got), (want)), 0)

static void
unused_upcall(int a, int b, int c, void *ud)
{
    (void)a;
    (void)b;
    (void)c;
    (void)ud;
}

static void
nodevice(void)
{
    static char buf[4];
    syscall_return_t r = command(2, 0, 0, 0);

    CHECK_EQ("nodevice: command on driver 2 fails", r.type, TOCK_SYSCALL_FAILURE);
    CHECK_EQ("nodevice: ... with NODEVICE", r.data[0], TOCK_STATUSCODE_NODEVICE);
    r = command(0x90000, 1, 2, 3);
    CHECK_EQ("nodevice: any command on driver 0x90000", tock_command_return_novalue_to_returncode(r),
             RETURNCODE_ENODEVICE);
    subscribe_return_t s = subscribe(3, 0, unused_upcall, buf);
    CHECK_EQ("nodevice: subscribe", tock_subscribe_return_to_returncode(s), RETURNCODE_ENODEVICE);
    CHECK_EQ("nodevice: ... returns the upcall passed", s.callback == unused_upcall, 1);
    CHECK_EQ("nodevice: ... and its userdata", s.userdata == buf, 1);
    allow_rw_return_t rw = allow_readwrite(4, 0, buf, sizeof(buf));
    CHECK_EQ("nodevice: allow_readwrite", tock_allow_rw_return_to_returncode(rw),
             RETURNCODE_ENODEVICE);
    CHECK_EQ("nodevice: ... returns the buffer passed", rw.ptr == buf && rw.size == sizeof(buf), 1);
    allow_ro_return_t ro = allow_readonly(5, 0, buf, sizeof(buf));
    CHECK_EQ("nodevice: allow_readonly", tock_allow_ro_return_to_returncode(ro),
             RETURNCODE_ENODEVICE);
    allow_userspace_r_return_t ur = allow_userspace_read(6, 0, buf, sizeof(buf));
    CHECK_EQ("nodevice: allow_userspace_read", tock_allow_userspace_r_return_to_returncode(ur),
             RETURNCODE_ENODEVICE);
    ur = allow_userspace_read(0, 0, buf, sizeof(buf));
    CHECK_EQ("nosupport: allow_userspace_read on the alarm",
             tock_allow_userspace_r_return_to_returncode(ur), RETURNCODE_ENOSUPPORT);
    CHECK_EQ("nosupport: ... returns the buffer passed", ur.ptr == buf && ur.size == sizeof(buf), 1);
    rw = allow_readwrite(0, 0, buf, sizeof(buf));
    CHECK_EQ("nosupport: allow_readwrite on the alarm", tock_allow_rw_return_to_returncode(rw),
             RETURNCODE_ENOSUPPORT);

    CHECK_EQ("exists: alarm", driver_exists(0), 1);
    CHECK_EQ("exists: console", driver_exists(1), 1);
    CHECK_EQ("exists: ipc", driver_exists(0x10000), 1);
    CHECK_EQ("exists: not 2", driver_exists(2), 0);
    CHECK_EQ("exists: not 0x90000", driver_exists(0x90000), 0);
    CHECK_EQ("exists: not 0xffffffff", driver_exists(0xffffffff), 0);
}

static void
conversions(void)
{
    uint32_t v = 7;
    syscall_return_t ok = {TOCK_SYSCALL_SUCCESS, {0, 0, 0}};
    syscall_return_t ok_u32 = {TOCK_SYSCALL_SUCCESS_U32, {99, 0, 0}};
    syscall_return_t fail = {TOCK_SYSCALL_FAILURE, {TOCK_STATUSCODE_BUSY, 0, 0}};
    syscall_return_t ok_u64 = {TOCK_SYSCALL_SUCCESS_U64, {1, 2, 0}};
    syscall_return_t fail_u32 = {TOCK_SYSCALL_FAILURE_U32, {TOCK_STATUSCODE_SIZE, 5, 0}};

    CHECK_EQ("rtype: values", TOCK_SYSCALL_FAILURE_U64 == 3 && TOCK_SYSCALL_SUCCESS == 128 &&
                                  TOCK_SYSCALL_SUCCESS_U32_U64 == 133,
             1);
    CHECK_EQ("status: SUCCESS", tock_status_to_returncode(TOCK_STATUSCODE_SUCCESS),
             RETURNCODE_SUCCESS);
    CHECK_EQ("status: NODEVICE", tock_status_to_returncode(TOCK_STATUSCODE_NODEVICE), -11);
    CHECK_EQ("status: NOACK", tock_status_to_returncode(TOCK_STATUSCODE_NOACK), RETURNCODE_ENOACK);
    CHECK_EQ("novalue: success", tock_command_return_novalue_to_returncode(ok), RETURNCODE_SUCCESS);
    CHECK_EQ("novalue: failure", tock_command_return_novalue_to_returncode(fail),
             RETURNCODE_EBUSY);
    CHECK_EQ("novalue: a u32 is EBADRVAL", tock_command_return_novalue_to_returncode(ok_u32),
             RETURNCODE_EBADRVAL);
    CHECK_EQ("novalue: a failure with a u32 is EBADRVAL",
             tock_command_return_novalue_to_returncode(fail_u32), RETURNCODE_EBADRVAL);
    CHECK_EQ("u32: success", tock_command_return_u32_to_returncode(ok_u32, &v), RETURNCODE_SUCCESS);
    CHECK_EQ("u32: ... the value", v, 99);
    v = 7;
    CHECK_EQ("u32: failure", tock_command_return_u32_to_returncode(fail, &v), RETURNCODE_EBUSY);
    CHECK_EQ("u32: no value is EBADRVAL", tock_command_return_u32_to_returncode(ok, &v),
             RETURNCODE_EBADRVAL);
    CHECK_EQ("u32: a u64 is EBADRVAL", tock_command_return_u32_to_returncode(ok_u64, &v),
             RETURNCODE_EBADRVAL);
    CHECK_EQ("u32: ... the value untouched", v, 7);

    subscribe_return_t s_ok = {true, NULL, NULL, TOCK_STATUSCODE_SUCCESS};
    subscribe_return_t s_fail = {false, NULL, NULL, TOCK_STATUSCODE_INVAL};
    CHECK_EQ("subscribe: success", tock_subscribe_return_to_returncode(s_ok), RETURNCODE_SUCCESS);
    CHECK_EQ("subscribe: failure", tock_subscribe_return_to_returncode(s_fail), RETURNCODE_EINVAL);
    allow_rw_return_t rw = {false, NULL, 0, TOCK_STATUSCODE_NOMEM};
    CHECK_EQ("allow_rw: failure", tock_allow_rw_return_to_returncode(rw), RETURNCODE_ENOMEM);
    allow_ro_return_t ro = {true, NULL, 0, TOCK_STATUSCODE_SUCCESS};
    CHECK_EQ("allow_ro: success", tock_allow_ro_return_to_returncode(ro), RETURNCODE_SUCCESS);
    allow_userspace_r_return_t ur = {false, NULL, 0, TOCK_STATUSCODE_RESERVE};
    CHECK_EQ("allow_ur: failure", tock_allow_userspace_r_return_to_returncode(ur),
             RETURNCODE_ERESERVE);
}

static void
strings(void)
{
    STR_EQ("strrcode: SUCCESS", tock_strrcode(RETURNCODE_SUCCESS), "Success");
    STR_EQ("strrcode: FAIL", tock_strrcode(RETURNCODE_FAIL), "Unknown Error");
    STR_EQ("strrcode: EBUSY", tock_strrcode(RETURNCODE_EBUSY), "Underlying system is busy; retry");
    STR_EQ("strrcode: EALREADY", tock_strrcode(RETURNCODE_EALREADY),
           "The state requested is already set");
    STR_EQ("strrcode: EOFF", tock_strrcode(RETURNCODE_EOFF), "The component is powered down");
    STR_EQ("strrcode: ERESERVE", tock_strrcode(RETURNCODE_ERESERVE),
           "Reservation required before use");
    STR_EQ("strrcode: EINVAL", tock_strrcode(RETURNCODE_EINVAL), "An invalid parameter was passed");
    STR_EQ("strrcode: ESIZE", tock_strrcode(RETURNCODE_ESIZE), "Parameter passed was too large");
    STR_EQ("strrcode: ECANCEL", tock_strrcode(RETURNCODE_ECANCEL), "Operation cancelled by a call");
    STR_EQ("strrcode: ENOMEM", tock_strrcode(RETURNCODE_ENOMEM), "Memory required not available");
    STR_EQ("strrcode: ENOSUPPORT", tock_strrcode(RETURNCODE_ENOSUPPORT),
           "Operation or command is unsupported");
    STR_EQ("strrcode: ENODEVICE", tock_strrcode(RETURNCODE_ENODEVICE), "Device does not exist");
    STR_EQ("strrcode: EUNINSTALLED", tock_strrcode(RETURNCODE_EUNINSTALLED),
           "Device is not physically installed");
    STR_EQ("strrcode: ENOACK", tock_strrcode(RETURNCODE_ENOACK),
           "Packet transmission not acknowledged");
    STR_EQ("strrcode: EBADRVAL", tock_strrcode(RETURNCODE_EBADRVAL), "Invalid SyscallReturn variant");
    STR_EQ("strrcode: another number", tock_strrcode((returncode_t)-14), "Invalid error number");
    STR_EQ("strerr: NODEVICE", tock_strerr(TOCK_STATUSCODE_NODEVICE), "Device does not exist");
    STR_EQ("strerr: SUCCESS", tock_strerr(TOCK_STATUSCODE_SUCCESS), "Success");
}

extern char main_text[] __asm__("main");
static char data_byte = 1;

static void
memops(void)
{
    memop_return_t flash = memop(4, 0), flash_end = memop(5, 0);
    memop_return_t ram = memop(2, 0), ram_end = memop(3, 0);

    CHECK_EQ("memop: flash start", flash.status, TOCK_STATUSCODE_SUCCESS);
    CHECK_EQ("memop: text is in flash",
             flash.data <= (uintptr_t)main_text && (uintptr_t)main_text < flash_end.data, 1);
    CHECK_EQ("memop: data is in RAM",
             ram.data <= (uintptr_t)&data_byte && (uintptr_t)&data_byte < ram_end.data, 1);
    CHECK_EQ("memop: brk is NOSUPPORT", memop(0, 0).status, TOCK_STATUSCODE_NOSUPPORT);
    CHECK_EQ("memop: 6 is NOSUPPORT", memop(6, 0).status, TOCK_STATUSCODE_NOSUPPORT);
    CHECK_EQ("tock_app: memory", tock_app_memory_begins_at() == (void *)(uintptr_t)ram.data &&
                                     tock_app_memory_ends_at() == (void *)(uintptr_t)ram_end.data,
             1);
    CHECK_EQ("tock_app: flash",
             tock_app_flash_begins_at() == (void *)(uintptr_t)flash.data &&
                 tock_app_flash_ends_at() == (void *)(uintptr_t)flash_end.data,
             1);
    CHECK_EQ("tock_app: no grant region", tock_app_grant_begins_at() == NULL, 1);
    CHECK_EQ("tock_app: no writeable flash", tock_app_number_writeable_flash_regions(), 0);
    CHECK_EQ("tock_app: ... region 0", tock_app_writeable_flash_region_begins_at(0) == NULL &&
                                           tock_app_writeable_flash_region_ends_at(0) == NULL,
             1);
}

static int enqueued;

static void
deferred(int a, int b, int c, void *ud)
{
    CHECK_EQ("enqueue: the values", a == 1 && b == 2 && c == 3 && ud == &enqueued, 1);
    enqueued++;
}

static void
tasks(void)
{
    CHECK_EQ("check_tasks: none", yield_check_tasks(), 0);
    CHECK_EQ("enqueue", tock_enqueue(deferred, 1, 2, 3, &enqueued) >= 0, 1);
    CHECK_EQ("enqueue: not run yet", enqueued, 0);
    CHECK_EQ("check_tasks: runs it", yield_check_tasks(), 1);
    CHECK_EQ("check_tasks: ... once", enqueued, 1);
    for (int i = 0; i < 16; i++)
        (void)tock_enqueue(deferred, 1, 2, 3, &enqueued);
    CHECK_EQ("enqueue: a full queue", tock_enqueue(deferred, 1, 2, 3, &enqueued), -1);
    while (yield_no_wait()) {
    }
    CHECK_EQ("enqueue: the 16 ran", enqueued, 17);
    TOCK_EXPECT(RETURNCODE_SUCCESS, tock_command_return_novalue_to_returncode(command(0, 0, 0, 0)));
}

int
main(void)
{
    nodevice();
    conversions();
    strings();
    memops();
    tasks();
    check_done();
    return 0;
}
