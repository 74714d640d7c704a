// SPDX-License-Identifier: BSD-2-Clause
//
// The rot13 service, a libtock-c program: when a client notifies it, it
// rot13-encodes the message in the buffer the client shared, in place, and
// notifies the client back. The buffer holds a length byte, then the text.
#include <libtock/kernel/ipc.h>
#include <libtock/tock.h>

struct rot13_buf {
    int8_t length;
    char buf[31];
};

static char
rot13(char c)
{
    if (c >= 'a' && c <= 'z')
        return (char)('a' + (c - 'a' + 13) % 26);
    if (c >= 'A' && c <= 'Z')
        return (char)('A' + (c - 'A' + 13) % 26);
    return c;
}

static void
rot13_callback(int pid, int len, int buf, __attribute__((unused)) void *ud)
{
    struct rot13_buf *rb = (struct rot13_buf *)(uintptr_t)buf;
    int length = rb->length;

    if (length > len - 1)
        length = len - 1;
    for (int i = 0; i < length; i++)
        rb->buf[i] = rot13(rb->buf[i]);
    ipc_notify_client(pid);
}

int
main(void)
{
    ipc_register_service_callback("org.tockos.examples.rot13", rot13_callback, NULL);
    while (1)
        yield();
}
