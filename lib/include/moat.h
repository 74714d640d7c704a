// SPDX-License-Identifier: BSD-2-Clause
//
// moat's own additions to the PD API, for programs that want the kernel's
// error codes rather than Microkit's print-and-return behaviour.
#pragma once

#include "microkit.h"

// Notify channel ch. Returns E_OK, E_RANGE, E_NOENT or E_PERM (docs/abi.md).
static inline long
moat_notify(microkit_channel ch)
{
    return moat_sys1(SYS_NOTIFY, ch);
}

// Call the PD at the other end of ch. On success *msginfo holds the reply.
// Returns E_OK, E_RANGE, E_NOENT, E_PERM, E_INVAL or E_DEAD.
static inline long
moat_ppcall(microkit_channel ch, microkit_msginfo *msginfo)
{
    return moat_sys_call(ch, &msginfo->words[0], seL4_GetIPCBuffer()->msg);
}

// Acknowledge the interrupt on ch.
static inline long
moat_irq_ack(microkit_channel ch)
{
    return moat_sys1(SYS_IRQ_ACK, ch);
}

// Stop the whole system (debug kernels only; release kernels return E_NOSYS).
// code 0 makes QEMU exit with status 0, any other code with that status.
static inline long
moat_dbg_halt(unsigned code)
{
    return moat_sys1(SYS_DEBUG_HALT, code);
}

// A short name for an error code ("E_RANGE"), for printing.
const char *moat_strerror(long err);
