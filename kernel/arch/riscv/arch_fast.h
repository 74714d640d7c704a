// SPDX-License-Identifier: BSD-2-Clause
//
// The IPC fast paths' ways out of the kernel (fastpath.c), inline because
// each is on every fast system call.
//
// A system call trap.S sends to a fast path saves only ra, sp, gp, tp and
// the pc: the PD's callee-saved registers s0-s11 stay in the CPU, as
// fastpath.c is compiled with s0-s11 reserved (-ffixed-s0 ... -ffixed-s11,
// the Makefile) and every function it calls keeps them, as the C ABI says.
// So a PD that goes on after its call needs none of them saved or loaded
// (arch_fast_resume), and a switch saves them only then, into the PD that
// trapped (arch_fast_switch). Before the general path runs, which may read
// or change any register of the PD, arch_fast_save puts them in place.
#pragma once

#include "cpu.h"
#include "csr.h"
#include "pd.h"

// trap.S, jumped to (neither returns) with their arguments in registers
// that are not the fast paths' own arguments, which the fast paths keep in
// a0..a5 for the general path and would otherwise move.
// trap_exit_same (t6 = its registers): back to the PD that trapped, whose
// s0-s11 (and gp, and on one-core kernels tp: the kernel uses neither) are
// in the CPU still.
// trap_exit_switch (a6 = the registers of `to`, a7 = those of `from`): save
// s0-s11 into `from`, then trap_exit's full restore of `to`.

// The address space and FPU access of `next` (context.c's arch_switch too).
static inline __attribute__((always_inline)) void
arch_space(struct pd *next)
{
    csr_write(satp, next->arch.satp);
    if (unlikely(next->arch.flush)) // the hart has too few ASIDs
        sfence_vma();
    csr_clear(sstatus, SSTATUS_FS);
    if (next == this_cpu()->fpu_pd)
        csr_set(sstatus, SSTATUS_FS_CLEAN);
}

static inline __attribute__((always_inline)) struct regs *
arch_fast_resume(struct pd *pd)
{
    register struct regs *r __asm__("t6") = &pd->arch.regs; // as arch_fast_switch's
    __asm__ volatile("j trap_exit_same" : : "r"(r) : "memory");
    __builtin_unreachable();
}

static inline __attribute__((always_inline)) struct regs *
arch_fast_switch(struct pd *from, struct pd *to)
{
    arch_space(to);
    register struct regs *rto __asm__("a6") = &to->arch.regs;
    register struct regs *rfrom __asm__("a7") = &from->arch.regs;
    __asm__ volatile("j trap_exit_switch" : : "r"(rto), "r"(rfrom) : "memory");
    __builtin_unreachable();
}

// (trap.S's SAVE_CALLEE, where the register slots are: arch_types.h)
static inline __attribute__((always_inline)) void
arch_fast_save(struct pd *pd)
{
    __asm__ volatile("sd s0, 64(%0)\n\tsd s1, 72(%0)\n\t"
                     "sd s2, 144(%0)\n\tsd s3, 152(%0)\n\tsd s4, 160(%0)\n\t"
                     "sd s5, 168(%0)\n\tsd s6, 176(%0)\n\tsd s7, 184(%0)\n\t"
                     "sd s8, 192(%0)\n\tsd s9, 200(%0)\n\tsd s10, 208(%0)\n\t"
                     "sd s11, 216(%0)"
                     :
                     : "r"(pd->arch.regs.x)
                     : "memory");
}
