// SPDX-License-Identifier: BSD-2-Clause
//
// The raw server, as sel4bench's: after each wait returns it reads the
// counter (t1, the end of the call leg), reads it again just before replying
// (t2, the start of the reply leg), and sends both back in mr 0 and 1 (which
// travel in registers whatever the message length).
#include "bench.h"

void
init(void)
{
    struct moat_event ev = {0};

    moat_sys_recv(SYS_RECV, ACTION_NONE, &ev);
    for (;;) {
        seL4_Word t1 = instret();
        ev.mr[0] = t1;
        ev.mr[1] = instret();
        moat_sys_recv(SYS_REPLY_RECV, ACTION_NONE, &ev);
    }
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
