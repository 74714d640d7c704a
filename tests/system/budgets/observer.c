// SPDX-License-Identifier: BSD-2-Clause
//
// After one second (100 periods of a and b), prints each spinner's share
// of the CPU and checks it against its budget: a 2/10, b 5/10, c the rest.
#include "share.h"

static void
report(const volatile uint64_t *s, uint64_t total)
{
    CHECK_SHARE("a", permille(s[0], total), 200, 5);
    CHECK_SHARE("b", permille(s[1], total), 500, 5);
    CHECK_SHARE("c", permille(s[2], total), 300, 10);
}

SHARE_OBSERVER(MOAT_TIME_HZ, report)
