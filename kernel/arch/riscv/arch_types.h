// SPDX-License-Identifier: BSD-2-Clause
//
// RISC-V types embedded in the portable core's struct pd. Types only, and
// one function: arch_instret (arch.h), inline because the IPC fast path reads
// it for the trace, where a call would cost it a dozen register saves.
#pragma once

#include <stdint.h>

// A PD's user registers. x[0] holds the pc (the x0 slot is free: x0 is zero).
// x[n] is register xn: ra=1 sp=2 gp=3 tp=4 t0-t2=5-7 s0-s1=8-9 a0-a7=10-17
// s2-s11=18-27 t3-t6=28-31. trap.S depends on this layout.
struct regs {
    uint64_t x[32];
};

struct arch_pd {
    struct regs regs;   // first: sscratch points here while the PD runs
    uint64_t satp;      // Sv39 root and ASID, written on every switch to this PD
    void *cpu;          // SMP kernels: its core's struct cpu, which trap entry
                        // loads into tp (trap.S's ARCH_PD_CPU)
    uint8_t flush;      // the hart has too few ASIDs: every switch to this PD
                        // flushes the TLB (arch_fast.h's arch_space)
    uint64_t fregs[32]; // f0..f31, valid while the PD does not own the FPU
    uint64_t fcsr;
};

// System-call results go to a0..a6; arguments come from a0..a5.
#define ARCH_REG_A0 10
#define arch_result(pd, i) ((pd)->arch.regs.x[ARCH_REG_A0 + (i)])
#define arch_pc(pd)        ((pd)->arch.regs.x[0])
#define arch_sp(pd)        ((pd)->arch.regs.x[2])
#define arch_ret(pd)       ((pd)->arch.regs.x[1]) // the return address (ra)

#if (defined(MOAT_DEBUG) || defined(MOAT_BENCHMARK)) && !defined(MOAT_NO_TRACE)
static inline uint64_t
arch_instret(void)
{
    uint64_t v;

    __asm__ volatile("csrr %0, instret" : "=r"(v));
    return v;
}
#endif
