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

// trap.S; neither returns (not declared _Noreturn: calls to them are then
// plain jumps, where GCC would first save ra for a noreturn call).
// trap_exit_same: back to the PD that trapped, whose s0-s11 (and gp, and on
// one-core kernels tp: the kernel uses neither) are in the CPU still.
// trap_exit_switch: save s0-s11 into `from`, then trap_exit's full restore of
// `to`.
struct regs *trap_exit_same(struct regs *r);
struct regs *trap_exit_switch(struct regs *to, struct regs *from);

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
    return trap_exit_same(&pd->arch.regs);
}

static inline __attribute__((always_inline)) struct regs *
arch_fast_switch(struct pd *from, struct pd *to)
{
    arch_space(to);
    return trap_exit_switch(&to->arch.regs, &from->arch.regs);
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
