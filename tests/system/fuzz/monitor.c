// SPDX-License-Identifier: BSD-2-Clause
//
// hostile's parent. No system call may make a PD fault (docs/abi.md: a
// refused call is answered with an error code), and hostile's own code
// touches only its own memory: a fault of hostile fails the run.
#include "check.h"

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo)
{
    (void)reply_msginfo;
    moat_dbg_puts("FAIL fuzz: hostile (child ");
    put_dec((long)child);
    moat_dbg_puts(") faulted: label ");
    put_dec((long)microkit_msginfo_get_label(msginfo));
    moat_dbg_puts(" pc ");
    moat_dbg_puthex(microkit_mr_get(0));
    moat_dbg_puts(", address (or sp) ");
    moat_dbg_puthex(microkit_mr_get(1));
    moat_dbg_puts("\n");
    moat_dbg_halt(1);
    return seL4_False; // release kernels: it stays faulted
}

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
