// SPDX-License-Identifier: BSD-2-Clause
//
// The parent of a libtock child: each tock_exit arrives as the child's
// breakpoint fault; the parent restarts it twice, then leaves it stopped.
#include "check.h"

#define CHILD 1
static int exits;

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    (void)reply;
    exits++;
    CHECK_EQ("parent: the child's id", child, CHILD);
    CHECK_EQ("parent: a user exception", microkit_msginfo_get_label(msginfo), 3);
    CHECK_EQ("parent: ... a breakpoint", microkit_mr_get(2), 3);
    if (exits < 3) {
        microkit_pd_restart(CHILD, 0x200000); // _tock_start; memory as it is
        return seL4_False;
    }
    check_done();
    return seL4_False;
}
