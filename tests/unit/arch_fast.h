// SPDX-License-Identifier: BSD-2-Clause
//
// Host stand-in for kernel/arch/riscv/arch_fast.h, the fast paths' ways out
// (arch.h): a PD's registers are all in its struct pd here, so there is
// nothing to keep in a CPU. The switch is recorded as arch_switch's.
#pragma once

#include "arch.h"
#include "fake_arch.h"
#include "pd.h"

static inline struct regs *
arch_fast_resume(struct pd *pd)
{
    return &pd->arch.regs;
}

static inline struct regs *
arch_fast_switch(struct pd *from, struct pd *to)
{
    (void)from;
    return arch_switch(to);
}

static inline void
arch_fast_save(struct pd *pd)
{
    (void)pd;
    fake.fast_saves++;
}
