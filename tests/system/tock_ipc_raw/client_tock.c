// SPDX-License-Identifier: BSD-2-Clause
//
// A client on the raw IPC driver: discover, subscribe, share with allow
// number = the service's id, notify (command 2), and wait for the answer
// with yield_wait_for (which runs no upcall); then the driver's errors.
#include <string.h>

#include <libtock/kernel/ipc.h>

#include "check.h"

static char buf[64] __attribute__((aligned(64)));
static int upcalls;

static void
answered(int svc, int len, int addr, void *ud)
{
    (void)svc;
    (void)len;
    (void)addr;
    (void)ud;
    upcalls++;
}

int
main(void)
{
    static const char name[] = "org.test.raw";
    static const char long_name[] = "org.test.a-name-longer-than-the-sixty-four-bytes-moat-allows-xxxxx";
    uint32_t svc = 0;

    allow_ro_return_t a = allow_readonly(IPC_DRIVER_NUM, 0, name, strlen(name));
    syscall_return_t r = command(IPC_DRIVER_NUM, 1, 0, 0);
    CHECK_EQ("client: discover", tock_command_return_u32_to_returncode(r, &svc),
             RETURNCODE_SUCCESS);
    subscribe_return_t s = subscribe(IPC_DRIVER_NUM, svc, answered, NULL);
    CHECK_EQ("client: subscribe under the service's id", s.success, 1);
    strcpy(buf, "hello raw");
    allow_rw_return_t rw = allow_readwrite(IPC_DRIVER_NUM, svc, buf, sizeof(buf));
    CHECK_EQ("client: share", rw.success, 1);
    CHECK_EQ("client: ... returns the last share (none)", !rw.ptr && !rw.size, 1);
    r = command(IPC_DRIVER_NUM, 2, (int)svc, 0);
    CHECK_EQ("client: notify service", tock_command_return_novalue_to_returncode(r),
             RETURNCODE_SUCCESS);
    yield_waitfor_return_t w = yield_wait_for(IPC_DRIVER_NUM, svc);
    CHECK_EQ("client: wait_for the answer: from the service", w.data0, svc);
    CHECK_EQ("client: ... no buffer of its", w.data1 == 0 && w.data2 == 0, 1);
    CHECK_EQ("client: ... and ran no upcall", upcalls, 0);
    CHECK_EQ("client: the buffer came back upcased", strcmp(buf, "HELLO RAW"), 0);

    // The same through yield: the upcall runs.
    r = command(IPC_DRIVER_NUM, 2, (int)svc, 0);
    yield();
    CHECK_EQ("client: yield ran the answer's upcall", upcalls, 1);

    rw = allow_readwrite(IPC_DRIVER_NUM, svc, NULL, 0);
    CHECK_EQ("client: unshare returns the buffer", rw.ptr == buf && rw.size == sizeof(buf), 1);
    rw = allow_readwrite(IPC_DRIVER_NUM, svc, buf, 8192);
    CHECK_EQ("client: a share over a page", tock_allow_rw_return_to_returncode(rw),
             RETURNCODE_ESIZE);
    CHECK_EQ("client: ... returns the buffer passed", rw.ptr == buf && rw.size == 8192, 1);

    a = allow_readonly(IPC_DRIVER_NUM, 0, "org.test.none", 13);
    r = command(IPC_DRIVER_NUM, 1, 0, 0);
    CHECK_EQ("client: discover an unknown name", tock_command_return_novalue_to_returncode(r),
             RETURNCODE_ENODEVICE);
    a = allow_readonly(IPC_DRIVER_NUM, 0, long_name, strlen(long_name));
    r = command(IPC_DRIVER_NUM, 1, 0, 0);
    CHECK_EQ("client: discover a name over 64 bytes", tock_command_return_novalue_to_returncode(r),
             RETURNCODE_ESIZE);
    r = command(IPC_DRIVER_NUM, 4, 0, 0);
    CHECK_EQ("client: command 4", tock_command_return_novalue_to_returncode(r),
             RETURNCODE_ENOSUPPORT);
    r = command(IPC_DRIVER_NUM, 3, (int)svc, 0);
    CHECK_EQ("client: notify a client of its own service (it has none)",
             tock_command_return_novalue_to_returncode(r), RETURNCODE_EINVAL);
    CHECK_EQ("client: notify an id that names nothing (Tock's EINVAL)",
             ipc_notify_service(0x3e3e), RETURNCODE_EINVAL);
    s = subscribe(IPC_DRIVER_NUM, 0, answered, NULL);
    CHECK_EQ("client: subscribe to a number that names no PD",
             tock_subscribe_return_to_returncode(s), RETURNCODE_ENOSUPPORT);
    (void)a;
    check_done();
    return 0;
}
