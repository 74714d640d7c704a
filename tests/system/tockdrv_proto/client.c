// SPDX-License-Identifier: BSD-2-Clause
//
// Speaks the Tock driver protocol (moat/tockdrv.h) by hand, as libtock
// does, and checks every answer.
#include "check.h"

#include <moat/tockdrv.h>

struct tockdrv_table __moat_tock_drivers; // patched by the tool

static unsigned leds, echo;
static uint8_t ro[16];
static MOAT_IPC_BUFFER(rw, 8);
static unsigned fetched, notes;

static unsigned
channel(uint32_t num)
{
    for (uint32_t i = 0; i < __moat_tock_drivers.n; i++) {
        if (__moat_tock_drivers.d[i].num == num)
            return __moat_tock_drivers.d[i].ch;
    }
    return ~0u;
}

// A call: label `op`, mr0..2; returns the answer's label, *mr0 its mr0.
static seL4_Word
call(unsigned ch, seL4_Word op, seL4_Word a, seL4_Word b, seL4_Word c, seL4_Word *mr0)
{
    microkit_mr_set(0, a);
    microkit_mr_set(1, b);
    microkit_mr_set(2, c);
    microkit_msginfo r = microkit_ppcall(ch, microkit_msginfo_new(op, 3));
    *mr0 = microkit_mr_get(0);
    return microkit_msginfo_get_label(r);
}

void
init(void)
{
    seL4_Word v;
    size_t svc;

    CHECK_EQ("client: two drivers", __moat_tock_drivers.n, 2);
    leds = channel(0x2);
    echo = channel(0x77);
    CHECK_EQ("client: leds on the highest id", leds, 61);
    CHECK_EQ("client: echo on the next", echo, 60);
    CHECK_EQ("client: hello leds", call(leds, TOCKDRV_HELLO, 0, 0, 0, &v), 0);
    CHECK_EQ("client: hello echo", call(echo, TOCKDRV_HELLO, 0, 0, 0, &v), 0);

    CHECK_EQ("client: LED count", call(leds, TOCKDRV_COMMAND, 0, 0, 0, &v), 129);
    CHECK_EQ("client: 4 LEDs", v, 4);
    CHECK_EQ("client: LED 1 on", call(leds, TOCKDRV_COMMAND, 1, 1, 0, &v), 128);
    CHECK_EQ("client: LED 1 toggled", call(leds, TOCKDRV_COMMAND, 3, 1, 0, &v), 128);
    CHECK_EQ("client: LED 9 fails", call(leds, TOCKDRV_COMMAND, 1, 9, 0, &v), 0);
    CHECK_EQ("client: with EINVAL", v, TOCKDRV_EINVAL);
    CHECK_EQ("client: command 7 fails", call(leds, TOCKDRV_COMMAND, 7, 0, 0, &v), 0);
    CHECK_EQ("client: with ENOSUPPORT", v, TOCKDRV_ENOSUPPORT);
    CHECK_EQ("client: an unknown call fails", call(leds, 99, 0, 0, 0, &v), 0);
    CHECK_EQ("client: with ENOSUPPORT too", v, TOCKDRV_ENOSUPPORT);

    CHECK_EQ("client: discover echo's service", moat_ipc_discover("tock.driver.0x77", &svc, NULL),
             E_OK);
    for (int i = 0; i < 16; i++)
        ro[i] = (uint8_t)(i + 1);
    CHECK_EQ("client: share ro", moat_ipc_share(svc, ro, sizeof ro), E_OK);
    CHECK_EQ("client: allow ro 0",
             call(echo, TOCKDRV_ALLOW_RO, 0, (seL4_Word)ro & (PAGE_SIZE - 1), sizeof ro, &v), 0);
    CHECK_EQ("client: echo sums it", call(echo, TOCKDRV_COMMAND, 1, 0, 0, &v), 129);
    CHECK_EQ("client: to 136", v, 136);
    CHECK_EQ("client: share rw", moat_ipc_share(svc, rw, 8), E_OK);
    CHECK_EQ("client: allow rw 1", call(echo, TOCKDRV_ALLOW_RW, 1, 0, 8, &v), 0);
    CHECK_EQ("client: echo fills it", call(echo, TOCKDRV_COMMAND, 2, 0xab, 0, &v), 129);
    CHECK_EQ("client: 8 bytes", v, 8);
    CHECK_EQ("client: that arrived", rw[0] + rw[7], 2 * 0xab);
    CHECK_EQ("client: the ro allow is gone", call(echo, TOCKDRV_COMMAND, 1, 0, 0, &v), 0);
    CHECK_EQ("client: ENOMEM", v, TOCKDRV_ENOMEM);
    CHECK_EQ("client: a bad offset", call(echo, TOCKDRV_ALLOW_RW, 1, PAGE_SIZE, 8, &v),
             TOCKDRV_EINVAL);

    CHECK_EQ("client: ask for 20 upcalls", call(echo, TOCKDRV_COMMAND, 3, 20, 0, &v), 129);
    CHECK_EQ("client: 16 queued", v, TOCKDRV_QUEUE);
}

void
notified(microkit_channel ch)
{
    CHECK_EQ("client: an upcall notification from echo", ch, echo);
    notes++;
    microkit_msginfo r = microkit_ppcall(echo, microkit_msginfo_new(TOCKDRV_UPCALLS, 0));
    unsigned n = (unsigned)microkit_msginfo_get_label(r);
    int right = 1;
    for (unsigned i = 0; i < n; i++, fetched++) {
        right &= microkit_mr_get(4 * i) == 5 && microkit_mr_get(4 * i + 1) == fetched &&
                 microkit_mr_get(4 * i + 2) == fetched * 2 && microkit_mr_get(4 * i + 3) == fetched * 3;
    }
    CHECK_EQ("client: upcalls in order", right, 1);
    if (fetched == TOCKDRV_QUEUE) {
        CHECK_EQ("client: in two fetches", notes, 2);
        check_done();
    }
}
