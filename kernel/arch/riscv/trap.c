// SPDX-License-Identifier: BSD-2-Clause
//
// Everything after trap entry that is not a system call: interrupts, the
// lazy FPU switch, and PD faults. Also the way back to user space
// (arch_resume), which idles when no PD can run.
#include "moat/image.h"

#include "arch.h"
#include "bench.h"
#include "console.h"
#include "cpu.h"
#include "irq.h"
#include "csr.h"
#include "lock.h"
#include "pd.h"
#include "sched.h"
#include "trace.h"

struct pd *trap(struct pd *pd, uint64_t scause, uint64_t stval);
_Noreturn void kernel_fault(uint64_t scause, uint64_t sepc, uint64_t stval, uint64_t sp);
void fpu_take(struct pd *pd);
void timer_interrupt(void);
void cpu_kicked(void);

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

// seL4's fault labels and message layout (MCS, RISC-V), so that a parent's
// fault() reads a child's fault as a Microkit program expects.

// Whether an instruction (stval of an illegal-instruction trap: its bits)
// uses the FPU: the F/D loads, stores and operations, their compressed
// forms, and CSR instructions on fflags, frm and fcsr.
static bool
fp_insn(uint64_t insn)
{
    if ((insn & 3) != 3) {
        unsigned f3 = (insn >> 13) & 7; // c.fld/c.fsd (quadrant 0), c.fldsp/c.fsdsp (2)
        return ((insn & 3) == 0 || (insn & 3) == 2) && (f3 == 1 || f3 == 5);
    }
    switch (insn & 0x7f) {
    case 0x07: case 0x27: case 0x43: case 0x47: case 0x4b: case 0x4f: case 0x53:
        return true;
    case 0x73: // SYSTEM: a CSR instruction (funct3 != 0) on CSR 1..3
        return ((insn >> 12) & 7) != 0 && (insn >> 20) >= 1 && (insn >> 20) <= 3;
    default:
        return false;
    }
}

// Access and page faults are seL4 VM faults; the rest are user exceptions.
static bool
is_vm_fault(uint64_t code)
{
    return code == 1 || code == 5 || code == 7 || code == 12 || code == 13 || code == 15;
}

static bool
is_fetch_fault(uint64_t code)
{
    return code == 0 || code == 1 || code == 12;
}

struct pd *
trap(struct pd *pd, uint64_t scause, uint64_t stval)
{
    kernel_lock(); // arch_resume releases it
    ASSERT(pd == current);
    if (scause & SCAUSE_INTR) {
        if ((scause & 0xff) == IRQ_S_TIMER)
            timer_interrupt();
        else if ((scause & 0xff) == IRQ_S_EXT)
            irq_interrupt(arch_irq_claim());
#if MOAT_NCPUS > 1
        else if ((scause & 0xff) == IRQ_S_SOFT)
            cpu_kicked();
#endif
        return sched_choose();
    }
    if (scause == EXC_ILLEGAL && (csr_read(sstatus) & SSTATUS_FS) == 0 && !pd->fpu_off) {
        fpu_take(pd); // its first FP instruction since another PD used the FPU: retry it
        return pd;
    }
    const char *what = scause < ARRAY_SIZE(causes) && causes[scause] ? causes[scause]
                                                                    : "unknown exception";
    if (scause == EXC_ILLEGAL && pd->fpu_off && fp_insn(stval))
        what = "floating-point instruction in a PD with fpu=\"false\"";
    uint64_t pc = arch_pc(pd);
    bool mem = scause != EXC_ILLEGAL && scause != 3;
    word_t msg[5];

    if (is_vm_fault(scause)) {
        msg[0] = FAULT_VM;
        msg[1] = pc;
        msg[2] = stval;
        msg[3] = is_fetch_fault(scause);
        msg[4] = scause;
    } else {
        msg[0] = FAULT_USER_EXCEPTION;
        msg[1] = pc;
        msg[2] = arch_sp(pd);
        msg[3] = scause;
        msg[4] = stval;
    }
    pd_fault(pd, what, pc, mem ? stval : pc, msg);
    return sched_choose();
}

#ifdef MOAT_BENCHMARK
struct regs *bench_trap_exit(struct regs *regs);

// trap.S, on every return to a PD (the registers are the pd's first member).
struct regs *
bench_trap_exit(struct regs *regs)
{
    bench_exit((const struct pd *)regs, csr_read(cycle));
    return regs;
}
#endif

struct regs *
arch_resume(struct pd *next)
{
    while (!next) {
        trace_switch(NULL);
#ifdef MOAT_BENCHMARK
        bench_exit(NULL, csr_read(cycle)); // into the idle loop
#endif
        if (!arch_idle()) {
            console_end_all();
            kdbg("moat: every protection domain is waiting and no interrupt can wake one; "
                 "halting\n");
            trace_dump();
            arch_halt(0);
        }
#ifdef MOAT_BENCHMARK
        bench_entered = csr_read(cycle); // the idle loop's kernel entry
#endif
        next = sched_choose();
    }
    trace_switch(next);
    kernel_unlock();
    if (csr_read(satp) != next->arch.satp)
        return arch_switch(next);
    return &next->arch.regs;
}

extern char kstack_guard[]; // kernel.ld: the unmapped page below the kernel stack

// On kernel_trap's own stack (trap.S), with sp the kernel's at the trap.
_Noreturn void
kernel_fault(uint64_t scause, uint64_t sepc, uint64_t stval, uint64_t sp)
{
    uint64_t guard = (uint64_t)kstack_guard;

    kprintf("kernel trap: scause=0x%lx sepc=0x%lx stval=0x%lx sp=0x%lx\n", scause, sepc, stval,
            sp);
    if (is_vm_fault(scause) && stval >= guard && stval < guard + PAGE_SIZE)
        kprintf("kernel trap: the address is in the kernel stack's guard page: "
                "kernel stack overflow\n");
    panic("trap in the kernel");
}
