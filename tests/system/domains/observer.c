// SPDX-License-Identifier: BSD-2-Clause
//
// After one second (100 cycles of the 3 ms + 7 ms schedule), prints each
// spinner's share: a (domain x) 30%, b (domain y) 70%, c (below b in y) 0.
#include "share.h"

static void
report(const volatile uint64_t *s, uint64_t total)
{
    CHECK_SHARE("a", permille(s[0], total), 300, 5);
    CHECK_SHARE("b", permille(s[1], total), 700, 5);
    CHECK_EQ("c never ran", s[2], 0);
}

SHARE_OBSERVER(MOAT_TIME_HZ, report)
