// SPDX-License-Identifier: BSD-2-Clause
//
// A libtock-c style client: discover, register, share a 64-byte aligned
// buffer, notify, and check each answer; a global id starting at 0 and a
// non-static buffer, as libtock-c's examples have them.
#include <stdio.h>
#include <string.h>

#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>

size_t upcase_svc = 0;
char buf[64] __attribute__((aligned(64)));
int rounds = 0;

struct msg {
    int8_t length;
    char text[31];
};

static void callback(int pid, int len, int arg2, void* ud) {
    struct msg *m = (struct msg*)ud;
    printf("client: %d %d %d %.*s\n", pid == (int)upcase_svc, len, arg2, m->length, m->text);
    if (++rounds == 3) {
        printf("client: done\n");
        return;
    }
    m->length = snprintf(m->text, sizeof(m->text), "round %d", rounds);
    libtocksync_alarm_delay_ms(10);
    ipc_notify_service(upcase_svc);
}

int main(void) {
    int err = ipc_discover("org.example.upcase", &upcase_svc);
    if (err < 0) {
        printf("No upcase service\n");
        return -1;
    }
    printf("client: discovered, id %s\n", upcase_svc != 0 ? "non-zero" : "zero");
    struct msg *m = (struct msg*)buf;
    ipc_register_client_callback(upcase_svc, callback, m);
    m->length = snprintf(m->text, sizeof(m->text), "hello world");
    printf("client: share %d\n", ipc_share(upcase_svc, m, 64));
    printf("client: notify %d\n", ipc_notify_service(upcase_svc));
    while (1) {
        yield();
    }
}
