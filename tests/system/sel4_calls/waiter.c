// SPDX-License-Identifier: BSD-2-Clause
#include <microkit.h>

#include "check.h"

#define SENDER 0
#define POKER  2
#define INPUT_CAP 1 // as libmicrokit's main.c

void
init(void)
{
    seL4_Word badge = 99;

    seL4_Poll(INPUT_CAP, &badge);
    CHECK_EQ("sel4-poll-nothing", badge, 0);
    seL4_Wait(INPUT_CAP + 1, &badge); // no such notification: at once
    CHECK_EQ("sel4-wait-bad-cptr", badge, 0);

    seL4_Signal(BASE_OUTPUT_NOTIFICATION_CAP + SENDER); // sender is lower: it waits its turn
    seL4_Wait(INPUT_CAP, &badge);
    CHECK_EQ("sel4-wait-sender", badge, 1UL << SENDER);

    seL4_Wait(INPUT_CAP, &badge); // caller's call comes meanwhile: it must wait
    CHECK_EQ("sel4-wait-poker", badge, 1UL << POKER);
#ifdef CONFIG_DEBUG_BUILD
    seL4_DebugDumpScheduler();
#endif
    seL4_Poll(INPUT_CAP, &badge);
    CHECK_EQ("sel4-poll-after", badge, 0);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    moat_dbg_puts("waiter: the call, after the wait\n");
    return microkit_msginfo_new(microkit_msginfo_get_label(msginfo) + ch, 0);
}
