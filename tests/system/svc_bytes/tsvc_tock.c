// SPDX-License-Identifier: BSD-2-Clause
//
// Looks at the whole window page around the 16 bytes it was given.
#include <libtock/kernel/ipc.h>

#include "check.h"

static void
on_client(int pid, int len, int buf, void *ud)
{
    uint8_t *p = (uint8_t *)buf; // as libtock-c programs do
    uint8_t *page = (uint8_t *)((uintptr_t)p & ~(PAGE_SIZE - 1));
    int ok = 1, zero = 1;

    (void)ud;
    CHECK_EQ("tsvc: 16 bytes", len, 16);
    CHECK_EQ("tsvc: the address is a positive int", buf > 0, 1);
    CHECK_EQ("tsvc: the address is below 2 GiB", (uintptr_t)p < 0x80000000UL, 1);
    CHECK_EQ("tsvc: the int is the whole address", (uintptr_t)p, (uintptr_t)(unsigned)buf);
    for (int i = 0; i < 16; i++)
        ok &= p[i] == 0x10 + i;
    CHECK_EQ("tsvc: the 16 bytes shared", ok, 1);
    for (uint8_t *q = page; q < p; q++)
        zero &= *q == 0;
    for (uint8_t *q = p + 16; q < page + PAGE_SIZE; q++)
        zero &= *q == 0;
    CHECK_EQ("tsvc: nothing else in the window page", zero, 1);
    for (int i = 0; i < 16; i++)
        p[i] = (uint8_t)(0x80 + i);
    for (uint8_t *q = p + 16; q < p + 48; q++)
        *q = 0x77; // past the shared bytes: must not reach cli
    CHECK_EQ("tsvc: answer", ipc_notify_client((size_t)pid), RETURNCODE_SUCCESS);
}

int
main(void)
{
    ipc_register_service_callback("bytes.svc", on_client, NULL);
    return 0;
}
