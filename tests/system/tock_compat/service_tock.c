// SPDX-License-Identifier: BSD-2-Clause
//
// A service written as libtock-c programs are, warts included: the upcall's
// int address cast straight to a pointer, the callback registered under the
// service's own name, and main() returning once it has (older libtock-c
// kept serving callbacks after main returned; so does moat's runtime), and
// the header paths of that era.
#include <ipc.h>
#include <tock.h>

struct msg {
    int8_t length;
    char text[31];
};

static void
upcase(int pid, int len, int buf, __attribute__((unused)) void *ud)
{
    struct msg *m = (struct msg *)buf;
    int length = m->length;

    if (length > len - 1)
        length = len - 1;
    for (int i = 0; i < length; ++i) {
        if (m->text[i] >= 'a' && m->text[i] <= 'z')
            m->text[i] = m->text[i] - 'a' + 'A';
    }
    ipc_notify_client(pid);
}

int main(void) {
    ipc_register_service_callback("org.example.upcase", upcase, NULL);
    return 0;
}
