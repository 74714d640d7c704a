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

// SYS_PD_CTL: restart, stop, resume or reset (PD_CTL_*) the child with id
// `child`. Returns E_OK, E_RANGE, E_NOENT (not a child of this PD) or E_INVAL.
static inline long
moat_pd_ctl(microkit_child child, seL4_Word op, seL4_Word entry)
{
    register moat_word a0 __asm__("a0") = child;
    register moat_word a1 __asm__("a1") = op;
    register moat_word a2 __asm__("a2") = entry;
    register moat_word a7 __asm__("a7") = SYS_PD_CTL;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a7)
                     :
                     : "a3", "a4", "a5", "a6", MOAT_CLOBBERS);
    return (long)a0;
}

// Restart a child from a pristine state: its writable data and bss as at
// boot, its stack and IPC buffer zeroed, every register zero but pc (its
// entry point) and sp, its FPU state and pending notifications cleared. What
// Microkit's microkit_pd_restart leaves dirty. Memory regions are shared and
// keep their contents. Returns E_OK, E_RANGE or E_NOENT.
static inline long
moat_pd_reset(microkit_child child)
{
    return moat_pd_ctl(child, PD_CTL_RESET, 0);
}

// A short name for an error code ("E_RANGE"), for printing.
const char *moat_strerror(long err);
