// SPDX-License-Identifier: BSD-2-Clause
//
// The server: tells the client it is ready, then answers its calls.
#include <microkit.h>

#include "protocol.h"

#define CLIENT 37 // the server's name for its channel to the client

void
init(void)
{
    microkit_dbg_puts("server: initializing\n");
    microkit_dbg_puts("server: notifying client\n");
    microkit_notify(CLIENT);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

static microkit_msginfo
sum(seL4_Word n)
{
    seL4_Word s = 0, sq = 0;

    for (seL4_Word i = 0; i < n; i++) {
        seL4_Word v = microkit_mr_get(i);
        s += v;
        sq += v * v;
    }
    microkit_mr_set(0, s);
    microkit_mr_set(1, sq);
    return microkit_msginfo_new(LABEL_SUM, 2);
}

static microkit_msginfo
upper(seL4_Word n)
{
    for (seL4_Word i = 0; i < n; i++) {
        seL4_Word w = microkit_mr_get(i), out = 0;

        for (int b = 0; b < 8; b++) {
            seL4_Word c = (w >> (8 * b)) & 0xff;
            if (c >= 'a' && c <= 'z')
                c -= 'a' - 'A';
            out |= c << (8 * b);
        }
        microkit_mr_set(i, out);
    }
    return microkit_msginfo_new(LABEL_UPPER, n);
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    microkit_dbg_puts("server: called by ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts("\n");
    switch (microkit_msginfo_get_label(msginfo)) {
    case LABEL_SUM:
        return sum(microkit_msginfo_get_count(msginfo));
    case LABEL_UPPER:
        return upper(microkit_msginfo_get_count(msginfo));
    default:
        return microkit_msginfo_new(LABEL_ERROR, 0);
    }
}
