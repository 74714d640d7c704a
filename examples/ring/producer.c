// SPDX-License-Identifier: BSD-2-Clause
//
// Fills the ring while there is room, then signals the consumer; the
// consumer signals back when it has made room.
#include <microkit.h>

#include "ring.h"

#define CONSUMER 1

uintptr_t ring_vaddr; // set by the tool (setvar_vaddr)
static uint64_t next;

static void
produce(void)
{
    struct ring *r = (struct ring *)ring_vaddr;
    uint64_t wrote = 0;

    while (next < RECORDS && r->head - r->tail < RING_SLOTS) {
        struct record *rec = &r->slot[r->head % RING_SLOTS];

        rec->seq = next;
        rec->value = record_value(next);
        rec->check = next ^ rec->value ^ RECORD_MAGIC;
        ring_fence();
        r->head = r->head + 1;
        next++;
        wrote++;
    }
    if (wrote)
        microkit_notify(CONSUMER);
    if (next == RECORDS) {
        microkit_dbg_puts("producer: wrote ");
        microkit_dbg_put32(RECORDS);
        microkit_dbg_puts(" records\n");
        next++; // say it once
    }
}

void
init(void)
{
    produce();
}

void
notified(microkit_channel ch)
{
    (void)ch;
    produce();
}
