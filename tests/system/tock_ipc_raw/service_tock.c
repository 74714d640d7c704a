// SPDX-License-Identifier: BSD-2-Clause
//
// A service written against the raw IPC driver (0x10000), as libtock-c's
// ipc.c drives Tock's: discover its own id, subscribe under it, answer
// each client by upcasing its buffer and notifying it back.
#include <string.h>

#include <libtock/kernel/ipc.h>

#include "check.h"

static const char name[] = "org.test.raw";

static void
served(int client, int len, int buf, void *ud)
{
    char *p = (char *)buf;

    (void)ud;
    for (int i = 0; i < len && p[i]; i++) {
        if (p[i] >= 'a' && p[i] <= 'z')
            p[i] = (char)(p[i] - 'a' + 'A');
    }
    syscall_return_t r = command(IPC_DRIVER_NUM, 3, client, 0);
    CHECK_EQ("service: notify client", r.type, TOCK_SYSCALL_SUCCESS);
}

int
main(void)
{
    uint32_t own = 0;
    allow_ro_return_t a = allow_readonly(IPC_DRIVER_NUM, 0, name, strlen(name));
    syscall_return_t r = command(IPC_DRIVER_NUM, 1, 0, 0);

    CHECK_EQ("service: allow the name", a.success, 1);
    CHECK_EQ("service: discover its own", tock_command_return_u32_to_returncode(r, &own),
             RETURNCODE_SUCCESS);
    subscribe_return_t s = subscribe(IPC_DRIVER_NUM, own, served, NULL);
    CHECK_EQ("service: subscribe under its own id", s.success, 1);
    for (;;)
        yield();
}
