// SPDX-License-Identifier: BSD-2-Clause
//
// Answers each notification from its client with one back.
#include <libtock/kernel/ipc.h>

static void
answer(int client, int len, int buf, void *ud)
{
    (void)len;
    (void)buf;
    (void)ud;
    ipc_notify_client((size_t)client);
}

int
main(void)
{
    ipc_register_service_callback("org.test.poll", answer, NULL);
    return 0;
}
