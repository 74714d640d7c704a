// SPDX-License-Identifier: BSD-2-Clause
//
// After one second: a's and b's shares count their own time and the passive
// server's time for their calls; each must be its budget's 20% of its half
// second (100 per mille of the whole), and c must have the rest. b's calls
// each need more than b's budget, so each spans a refill: about
// 100 ms / 3 ms of them complete.
#include "share.h"

static void
report(const volatile uint64_t *s, uint64_t total)
{
    CHECK_SHARE("s for a", permille(s[3], total), 94, 3);
    CHECK_SHARE("a with s", permille(s[0] + s[3], total), 100, 3);
    CHECK_SHARE("s for b", permille(s[4], total), 99, 3);
    CHECK_SHARE("b with s", permille(s[1] + s[4], total), 100, 3);
    CHECK_SHARE("c", permille(s[2], total), 800, 10);
    moat_dbg_puts("b's calls: ");
    put_dec((long)s[6]);
    moat_dbg_puts("\n");
    CHECK_EQ("b's calls each span a refill", s[6] >= 31 && s[6] <= 34, 1);
}

SHARE_OBSERVER(MOAT_TIME_HZ, report)
