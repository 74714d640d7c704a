// SPDX-License-Identifier: BSD-2-Clause
//
// The child with fpu="false" must fault at its first floating-point
// instruction, as an illegal instruction.
#include "check.h"

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
    CHECK_EQ("the child without FPU faulted", child, 1);
    CHECK_EQ("a user exception", microkit_msginfo_get_label(msginfo), seL4_Fault_UserException);
    CHECK_EQ("an illegal instruction", microkit_mr_get(seL4_UserException_Number), 2);
    microkit_pd_stop(child);
    check_done();
    return seL4_False;
}
