// SPDX-License-Identifier: BSD-2-Clause
//
// Reads what the UART driver received, echoes it upper-cased, and keeps a
// count and an order-sensitive checksum (FNV-1a) of every byte. It is slower
// than the input on purpose (a little work per byte), so a burst of input
// fills the driver's ring. Ctrl-D (EOT) ends the run: it prints the totals
// and stops the system.
#include <moat.h>

#include "serial.h"

#define DRIVER 1
#define EOT    0x04

uintptr_t rx_vaddr; // set by the tool (setvar_vaddr)
uintptr_t tx_vaddr;

static uint32_t count;
static uint32_t hash = 2166136261u;

static void
finish(void)
{
    struct byte_ring *tx = (struct byte_ring *)tx_vaddr;
    char buf[9];

    microkit_notify(DRIVER);
    while (!ring_empty(tx)) {
        // the echo written first (on one core the driver, which outranks
        // us, has written it already; on two, it is writing it now)
    }
    microkit_dbg_puts("\nclient: ");
    microkit_dbg_put32(count);
    microkit_dbg_puts(" bytes, fnv1a 0x");
    for (int i = 0; i < 8; i++)
        buf[i] = "0123456789abcdef"[(hash >> (28 - 4 * i)) & 0xf];
    buf[8] = '\0';
    microkit_dbg_puts(buf);
    microkit_dbg_puts("\n");
    moat_dbg_halt(0);
}

void
init(void)
{
    microkit_dbg_puts("client: type something (Ctrl-D ends)\n");
}

void
notified(microkit_channel ch)
{
    struct byte_ring *rx = (struct byte_ring *)rx_vaddr;
    struct byte_ring *tx = (struct byte_ring *)tx_vaddr;

    (void)ch;
    while (!ring_empty(rx)) {
        uint8_t c = ring_get(rx);

        if (c == EOT) {
            finish();
            return;
        }
        count++;
        hash = (hash ^ c) * 16777619u;
        for (volatile int spin = 0; spin < 200; spin++) {
        }
        if (c == '\r')
            c = '\n';
        if (ring_full(tx)) {
            microkit_notify(DRIVER); // on one core it outranks us and drains tx now;
            while (ring_full(tx)) {   // on two, we wait for it
            }
        }
        ring_put(tx, c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    microkit_notify(DRIVER); // echo, and room made in rx
}
