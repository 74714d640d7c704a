// SPDX-License-Identifier: BSD-2-Clause
//
// Host stand-in for kernel/arch/riscv/arch_types.h, found first on the include
// path of the unit tests (-Itests/unit). Types only, with the same layout and
// macros as the RISC-V header, so the portable core compiles unchanged and the
// tests can read a PD's saved registers as the trap path would.
#pragma once

#include <stdint.h>

// A PD's user registers. x[0] holds the pc; x[n] is register xn (a0-a7 = 10-17).
struct regs {
    uint64_t x[32];
};

struct arch_pd {
    struct regs regs;
    uint64_t satp;      // the fake arch_pd_init stores the root page table here
    uint64_t fregs[32];
    uint64_t fcsr;
};

// System-call results go to a0..a6; arguments come from a0..a5.
#define ARCH_REG_A0 10
#define arch_result(pd, i) ((pd)->arch.regs.x[ARCH_REG_A0 + (i)])
#define arch_pc(pd)        ((pd)->arch.regs.x[0])
#define arch_sp(pd)        ((pd)->arch.regs.x[2])
#define arch_ret(pd)       ((pd)->arch.regs.x[1]) // the return address (ra)
