// SPDX-License-Identifier: BSD-2-Clause
//
// Answers calls from honest (checked there), hostile and victim (random
// messages: echoed), and its service's clients: every byte of the buffer a
// client shares is incremented, and the client is notified back, so that the
// kernel copies it back (for hostile: to whatever address it shared).
#include "check.h"
#include "fuzz.h"

static uint64_t events;

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    uint8_t *p = buf;

    (void)ud;
    events++;
    for (size_t i = 0; i < len; i++)
        p[i]++;
    moat_ipc_notify_client(client); // may fail (E_DEAD, E_STALE): nothing to do
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    if (ch == 0 && microkit_msginfo_get_label(msginfo) == LABEL_HONEST) {
        microkit_mr_set(0, ANSWER(microkit_mr_get(0)));
        return microkit_msginfo_new(LABEL_ANSWER, 1);
    }
    return msginfo; // the same label and length; the message registers as they came
}

SERVICE_ONLY(on_client)
