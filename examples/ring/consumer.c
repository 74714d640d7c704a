// SPDX-License-Identifier: BSD-2-Clause
//
// Takes every record in the ring, checks its order and contents, makes room,
// and signals the producer. Prints PASS once all records arrived intact.
#include <microkit.h>

#include "ring.h"

#define PRODUCER 2

uintptr_t ring_vaddr; // set by the tool (setvar_vaddr)
static uint64_t expect, bad, batches;

void
init(void)
{
    microkit_dbg_puts("consumer: ring at 0x");
    for (int s = 28; s >= 0; s -= 4)
        microkit_dbg_putc("0123456789abcdef"[(ring_vaddr >> s) & 0xf]);
    microkit_dbg_puts("\n");
}

void
notified(microkit_channel ch)
{
    struct ring *r = (struct ring *)ring_vaddr;
    uint64_t took = 0;

    (void)ch;
    while (r->tail != r->head) {
        ring_fence();
        const struct record *rec = &r->slot[r->tail % RING_SLOTS];
        if (rec->seq != expect || rec->value != record_value(expect) ||
            rec->check != (expect ^ rec->value ^ RECORD_MAGIC))
            bad++;
        expect++;
        ring_fence();
        r->tail = r->tail + 1;
        took++;
    }
    if (!took)
        return;
    batches++;
    microkit_notify(PRODUCER);
    if (expect == RECORDS) {
        microkit_dbg_puts(bad ? "consumer: FAIL: " : "consumer: PASS: ");
        microkit_dbg_put32((seL4_Uint32)expect);
        microkit_dbg_puts(" records in order, ");
        microkit_dbg_put32((seL4_Uint32)bad);
        microkit_dbg_puts(" bad, in ");
        microkit_dbg_put32((seL4_Uint32)batches);
        microkit_dbg_puts(" batches\n");
        expect++; // say it once
    }
}
