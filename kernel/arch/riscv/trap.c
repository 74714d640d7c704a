// SPDX-License-Identifier: BSD-2-Clause
//
// Everything after trap entry that is not a system call: interrupts, the
// lazy FPU switch, and PD faults. Also the way back to user space
// (arch_resume), which idles when no PD can run.
#include "moat/image.h"

#include "arch.h"
#include "csr.h"
#include "pd.h"
#include "sched.h"

struct pd *trap(struct pd *pd, uint64_t scause, uint64_t stval);
_Noreturn void kernel_fault(uint64_t scause, uint64_t sepc, uint64_t stval);
void fpu_take(struct pd *pd);
void timer_interrupt(void);
void plic_interrupt(void);

_Static_assert(offsetof(struct pd, arch.regs) == 0, "trap.S: sscratch points at the pd");

// scause exception codes in words (privileged spec v1.12, table 4.2).
static const char *const causes[] = {
    [0] = "misaligned instruction fetch",
    [1] = "instruction access fault",
    [2] = "illegal instruction",
    [3] = "breakpoint",
    [4] = "misaligned load",
    [5] = "load access fault",
    [6] = "misaligned store",
    [7] = "store access fault",
    [12] = "instruction page fault",
    [13] = "load page fault",
    [15] = "store page fault",
};

static bool
is_memory_fault(uint64_t code)
{
    return code != 2 && code != 3;
}

struct pd *
trap(struct pd *pd, uint64_t scause, uint64_t stval)
{
    ASSERT(pd == current);
    if (scause & SCAUSE_INTR) {
        if ((scause & 0xff) == IRQ_S_TIMER)
            timer_interrupt();
        else if ((scause & 0xff) == IRQ_S_EXT)
            plic_interrupt();
        return sched_choose();
    }
    if (scause == EXC_ILLEGAL && (csr_read(sstatus) & SSTATUS_FS) == 0) {
        fpu_take(pd); // its first FP instruction since another PD used the FPU: retry it
        return pd;
    }
    const char *what = scause < ARRAY_SIZE(causes) && causes[scause] ? causes[scause]
                                                                    : "unknown exception";
    uint64_t pc = arch_pc(pd);
    pd_fault(pd, what, pc, is_memory_fault(scause) ? stval : pc);
    return sched_choose();
}

struct regs *
arch_resume(struct pd *next)
{
    while (!next) {
        if (!arch_idle()) {
            kprintf("moat: every protection domain is waiting and no interrupt can wake one; "
                    "halting\n");
            arch_halt(0);
        }
        next = sched_choose();
    }
    if (csr_read(satp) != next->arch.satp)
        return arch_switch(next);
    return &next->arch.regs;
}

_Noreturn void
kernel_fault(uint64_t scause, uint64_t sepc, uint64_t stval)
{
    kprintf("kernel trap: scause=%lx sepc=%lx stval=%lx\n", scause, sepc, stval);
    panic("trap in the kernel");
}
