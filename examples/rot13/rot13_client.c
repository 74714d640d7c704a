// SPDX-License-Identifier: BSD-2-Clause
//
// The rot13 client, a libtock-c program: it finds the rot13 service, shares
// a 64-byte buffer holding "Hello World!" with it, and asks it to encode the
// text; each time the service answers it prints the text, waits half a
// second and asks again, so the output alternates between the two forms.
#include <stdio.h>
#include <string.h>

#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>

static size_t rot13_svc;
static char buf[64] __attribute__((aligned(64)));

struct rot13_buf {
    int8_t length;
    char buf[31];
};

static void
rot13_callback(__attribute__((unused)) int pid, __attribute__((unused)) int len,
               __attribute__((unused)) int arg2, void *ud)
{
    struct rot13_buf *rb = (struct rot13_buf *)ud;

    printf("%d: %.*s\n", rb->length, rb->length, rb->buf);
    libtocksync_alarm_delay_ms(500);
    ipc_notify_service(rot13_svc);
}

int
main(void)
{
    if (ipc_discover("org.tockos.examples.rot13", &rot13_svc) < 0) {
        printf("No rot13 service\n");
        return -1;
    }
    struct rot13_buf *rb = (struct rot13_buf *)buf;
    ipc_register_client_callback(rot13_svc, rot13_callback, rb);
    rb->length = (int8_t)snprintf(rb->buf, sizeof(rb->buf), "Hello World!");
    ipc_share(rot13_svc, rb, 64);
    ipc_notify_service(rot13_svc);
    while (1)
        yield();
}
