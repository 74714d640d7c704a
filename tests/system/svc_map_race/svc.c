// SPDX-License-Identifier: BSD-2-Clause
//
// From the callback of its client's notification, writes the shared buffer
// for ever, counting rounds where cli can read them.
#include "check.h"

uintptr_t count_vaddr;

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    (void)client;
    (void)ud;
    volatile uint64_t *count = (volatile uint64_t *)count_vaddr;
    volatile uint8_t *p = buf;

    CHECK_EQ("svc: 64 bytes shared", len, 64);
    for (;;) {
        for (size_t i = 0; i < len; i++)
            p[i] = 'w';
        ++*count;
    }
}

SERVICE_ONLY(on_client)
