// SPDX-License-Identifier: BSD-2-Clause
//
// The random-number service of Tock's IPC tutorial, written by us as a
// libtock-c program: it provides org.tockos.tutorials.ipc.rng and gets its
// bytes with libtock-c's synchronous RNG call, which the SDK's RNG driver
// PD (tock_rng.elf, over QEMU's virtio-rng) serves. Byte 0 of the client's
// buffer is how many random bytes it wants; they are written from byte 0
// on, and the client is notified. A request longer than the buffer gets no
// answer.
#include <stdlib.h>
#include <string.h>

#include <libtock-sync/peripherals/rng.h>
#include <libtock/kernel/ipc.h>
#include <libtock/tock.h>

static void
ipc_callback(int pid, int len, int buf, __attribute__((unused)) void *ud)
{
    uint8_t *buffer = (uint8_t *)buf;

    if (len < 1)
        return;
    int wanted = buffer[0];
    if (len < wanted)
        return;
    uint8_t *bytes = malloc(len);
    if (!bytes)
        return;
    int received = 0;
    if (libtocksync_rng_get_random_bytes(bytes, len, wanted, &received) == RETURNCODE_SUCCESS)
        memcpy(buffer, bytes, received);
    free(bytes);
    ipc_notify_client(pid);
}

int
main(void)
{
    ipc_register_service_callback("org.tockos.tutorials.ipc.rng", ipc_callback, NULL);
    while (1)
        yield();
}
