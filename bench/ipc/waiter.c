// SPDX-License-Identifier: BSD-2-Clause
//
// A waiter. waiter_hi reads the counter as soon as a signal wakes it and
// hands the value to the client when the client calls it. waiter_lo, each
// time it is signalled, tells the client it is waiting again (the deferred
// notify happens in the same system call as its wait).
#include "bench.h"

static seL4_Word woke;

void
init(void)
{
    if (microkit_name[7] == 'l') {
        microkit_deferred_notify(0); // ready: the client may start
        return;
    }
    struct moat_event ev = {0};
    seL4_Word action = ACTION_NONE;

    for (;;) {
        long err = ev.badge & BADGE_PPC ? moat_sys_recv(SYS_REPLY_RECV, action, &ev)
                                         : moat_sys_recv(SYS_RECV, action, &ev);
        seL4_Word t = instret();
        if (err)
            continue;
        if (ev.badge & BADGE_PPC)
            ev.mr[0] = woke;
        else
            woke = t;
    }
}

void
notified(microkit_channel ch)
{
    (void)ch;
    microkit_deferred_notify(0);
}
