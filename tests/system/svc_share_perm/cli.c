// SPDX-License-Identifier: BSD-2-Clause
//
// Tries to share memory it does not own, then shares memory regions.
#include "check.h"

#define RW1 0x10000000UL // 1 page, then nothing
#define RW2 0x10008000UL // 2 pages, then RO
#define RO  0x1000a000UL // 1 page, read-only
#define STACK_LO (USER_STACK_TOP - STACK_SIZE_DEF)

static const char ro_data[64] = "read-only data, in the text segment";
static char good[16] = "GOOD-GOOD-GOOD!";
static size_t svc;
static int step;

static long
share(seL4_Word base, seL4_Word len)
{
    return moat_ipc_share(svc, (void *)base, len);
}

static void
watchdog(void *ud)
{
    (void)ud;
    CHECK_EQ("cli: svc answered every phase in time", step, 3);
    check_done();
}

static void
on_svc(size_t service, size_t len, void *buf, void *ud)
{
    (void)service;
    (void)len;
    (void)buf;
    (void)ud;
    switch (++step) {
    case 1: {
        char *end = (char *)(RW1 + 0x1000 - 16);
        for (int i = 0; i < 16; i++)
            end[i] = "REGION-END-BYTES"[i];
        CHECK_EQ("cli: share the last 16 bytes of a rw region", share(RW1 + 0x1000 - 16, 16), E_OK);
        CHECK_EQ("cli: notify (region end)", moat_ipc_notify_service(svc), E_OK);
        break;
    }
    case 2: {
        uint8_t *p = (uint8_t *)(RW2 + 100);
        CHECK_EQ("cli: svc's change copied back into the region", *(char *)(RW1 + 0x1000 - 16), 'r');
        for (int i = 0; i < 4096; i++)
            p[i] = (uint8_t)(i * 7 + 1);
        CHECK_EQ("cli: share 4096 unaligned bytes of a rw region", share(RW2 + 100, 4096), E_OK);
        CHECK_EQ("cli: notify (page)", moat_ipc_notify_service(svc), E_OK);
        break;
    }
    default:
        CHECK_EQ("cli: done", 1, 1);
        check_done();
    }
}

void
init(void)
{
    const char *volatile ro = ro_data;

    moat_alarm_set(moat_time() + MOAT_TIME_HZ / 2, watchdog, NULL);
    CHECK_EQ("cli: discover", moat_ipc_discover("perm.svc", &svc, NULL), E_OK);
    moat_ipc_on_client(svc, on_svc, NULL);
    CHECK_EQ("cli: share its own .data", moat_ipc_share(svc, good, 16), E_OK);

    CHECK_EQ("cli: .rodata E_PERM", share((seL4_Word)ro, 16), E_PERM);
    CHECK_EQ("cli: code E_PERM", share((seL4_Word)init, 16), E_PERM);
    CHECK_EQ("cli: unmapped page E_PERM", share(0x1000, 16), E_PERM);
    CHECK_EQ("cli: address 0 E_PERM", share(0, 16), E_PERM);
    CHECK_EQ("cli: into the unmapped page after a region E_PERM", share(RW1 + 0x1000 - 8, 16),
             E_PERM);
    CHECK_EQ("cli: into a read-only page E_PERM", share(RW2 + 0x2000 - 8, 16), E_PERM);
    CHECK_EQ("cli: read-only region E_PERM", share(RO, 16), E_PERM);
    CHECK_EQ("cli: device page E_PERM", share(0x1000c000, 64), E_PERM);
    CHECK_EQ("cli: guard page below the stack E_PERM", share(STACK_LO - 64, 16), E_PERM);
    CHECK_EQ("cli: from the stack into its guard page E_PERM", share(STACK_LO - 8, 16), E_PERM);
    CHECK_EQ("cli: guard page above the stack E_PERM", share(USER_STACK_TOP, 16), E_PERM);
    CHECK_EQ("cli: 4097 bytes E_RANGE", moat_ipc_share(svc, good, 4097), E_RANGE);
    CHECK_EQ("cli: 2^40 bytes E_RANGE", moat_ipc_share(svc, good, 1UL << 40), E_RANGE);
    CHECK_EQ("cli: ~0 bytes E_RANGE", moat_ipc_share(svc, good, ~0UL), E_RANGE);
    CHECK_EQ("cli: across the top of user space E_RANGE", share(USER_TOP - 8, 16), E_RANGE);
    CHECK_EQ("cli: kernel address E_RANGE", share(0xffffffc000000000UL, 16), E_RANGE);
    CHECK_EQ("cli: wrapping range E_RANGE", share(~0UL - 7, 16), E_RANGE);
    CHECK_EQ("cli: notify (first share)", moat_ipc_notify_service(svc), E_OK);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
