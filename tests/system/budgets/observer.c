// SPDX-License-Identifier: BSD-2-Clause
//
// After one second (100 periods of a and b), prints each spinner's share
// of the CPU and checks it against its budget: a 2/10, b 5/10, c the rest.
#include "share.h"

uintptr_t stats;
static uint64_t start;

#define RUN (MOAT_TIME_HZ) // one second

static void
done(void *ud)
{
    (void)ud;
    const volatile uint64_t *s = (const volatile uint64_t *)stats;
    uint64_t total = moat_time() - start;

    CHECK_SHARE("a", permille(s[0], total), 200, 5);
    CHECK_SHARE("b", permille(s[1], total), 500, 5);
    CHECK_SHARE("c", permille(s[2], total), 300, 10);
    check_done();
}

void
init(void)
{
    start = moat_time();
    moat_alarm_set(start + RUN, done, NULL);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
