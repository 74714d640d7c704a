// SPDX-License-Identifier: BSD-2-Clause
//
// Calls s, which registers its callback in protected(); checks the reply.
#include "check.h"

void
init(void)
{
    microkit_msginfo r = microkit_ppcall(0, microkit_msginfo_new(0, 0));

    CHECK_EQ("ctl: reply length", microkit_msginfo_get_count(r), 1);
    CHECK_EQ("ctl: reply mr0 survives the kept callback", microkit_mr_get(0), 0x1234);
    check_done(); // ctl runs last: cli has been answered by now
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
