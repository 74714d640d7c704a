/* SPDX-License-Identifier: BSD-2-Clause
 *
 * Trap entry and exit. While a PD runs, sscratch holds &pd->arch.regs; while
 * the kernel runs it holds 0, so a trap from the kernel itself (a kernel bug:
 * the kernel runs with interrupts off) is told apart by one test.
 *
 * A system call (ecall from U-mode) saves only what the syscall ABI keeps for
 * the caller: ra, sp, gp, tp, s0-s11 and the return pc. t0-t6 and a0-a7 are
 * clobbered by every call (docs/abi.md), and the arguments go straight to the
 * C handler in a0..a6. The IPC fast paths leave s0-s11 in the CPU until
 * they know whether the PD goes on or another runs (arch_fast.h). Every
 * other trap saves all 31 registers; a device interrupt (S-mode external)
 * then goes to its fast path (fastpath_irq.c).
 *
 * Exit reloads all 31 registers from the PD being resumed, or, for a PD
 * that goes on after a fast system call, all but the callee-saved ones it
 * still holds: every value a PD sees is its own or one the kernel wrote for
 * it (a result), never another PD's or the kernel's. */
#include "moat/abi.h"

#define R(n) ((n) * 8)

/* sp: the PD's registers -> the kernel stack. An SMP kernel first loads tp
 * with the PD's core (struct cpu, cpu.h), whose first word is that core's
 * kernel stack; the PD's own tp is saved already. */
#define ARCH_PD_CPU 264 /* offsetof(struct arch_pd, cpu): context.c asserts it */
#if MOAT_NCPUS > 1
#define KERNEL_STACK ld tp, ARCH_PD_CPU(sp); ld sp, 0(tp)
#else
#define KERNEL_STACK lla sp, kstack_top
#endif
/* bench.h's bench_entered: the core's struct cpu's `entered` (cpu.h
   CPU_ENTERED, 8), reached through tp on an SMP kernel. */
#if MOAT_NCPUS > 1
#define BENCH_ENTERED(r, tmp) sd r, 8(tp)
#else
#define BENCH_ENTERED(r, tmp) sd r, cpus + 8, tmp
#endif

/* The kernel's stack and, on benchmark kernels, the entry's stamp. */
.macro ENTER_KERNEL
    KERNEL_STACK
#ifdef MOAT_BENCHMARK
    rdcycle t1                      /* bench.c: when this entry began */
    BENCH_ENTERED(t1, t2)
#endif
.endm

/* s0-s11 into the registers at \r. */
.macro SAVE_CALLEE r
    sd      s0, R(8)(\r)
    sd      s1, R(9)(\r)
    sd      s2, R(18)(\r)
    sd      s3, R(19)(\r)
    sd      s4, R(20)(\r)
    sd      s5, R(21)(\r)
    sd      s6, R(22)(\r)
    sd      s7, R(23)(\r)
    sd      s8, R(24)(\r)
    sd      s9, R(25)(\r)
    sd      s10, R(26)(\r)
    sd      s11, R(27)(\r)
.endm

    .section .text
    .balign 4
    .globl trap_entry
trap_entry:
    csrrw   sp, sscratch, sp
    beqz    sp, kernel_trap
    sd      t0, R(5)(sp)
    csrr    t0, scause
    addi    t0, t0, -8              /* ecall from U-mode */
    bnez    t0, full_save
    sd      ra, R(1)(sp)
    sd      gp, R(3)(sp)
    sd      tp, R(4)(sp)
    csrrw   t0, sscratch, zero
    sd      t0, R(2)(sp)
    csrr    t0, sepc
    addi    t0, t0, 4
    sd      t0, R(0)(sp)
#ifndef MOAT_NO_FASTPATH
    /* The fast paths (fastpath.c) keep s0-s11 in the CPU: arch_fast.h. */
    beqz    a7, 1f                  /* SYS_CALL */
    li      t0, SYS_REPLY_RECV
    beq     a7, t0, 2f
    li      t0, SYS_NOTIFY
    beq     a7, t0, 3f
    li      t0, SYS_IPC
    beq     a7, t0, 4f
    li      t0, SYS_RECV
    beq     a7, t0, 5f
    li      t0, SYS_IRQ_ACK
    beq     a7, t0, 6f
#endif
    SAVE_CALLEE sp
    ENTER_KERNEL
    mv      a6, a7
    call    syscall
    call    arch_resume
    j       trap_exit
#ifndef MOAT_NO_FASTPATH
1:  ENTER_KERNEL
    call    fastpath_call
    j       trap_exit
2:  ENTER_KERNEL
    call    fastpath_reply_recv
    j       trap_exit
3:  ENTER_KERNEL
    call    fastpath_notify
    j       trap_exit
4:  ENTER_KERNEL
    call    fastpath_ipc
    j       trap_exit
5:  ENTER_KERNEL
    call    fastpath_recv
    j       trap_exit

6:  ENTER_KERNEL
    call    fastpath_irq_ack
    j       trap_exit
7:  call    fastpath_irq            /* fastpath_irq.c; the kernel's stack is set */
    j       trap_exit

/* trap_exit_switch, a6 = the registers of `to`, a7 = those of `from`
 * (arch_fast.h): save the s0-s11 of `from`, which trapped, and restore `to`
 * in full. */
    .globl trap_exit_switch
trap_exit_switch:
    SAVE_CALLEE a7
    mv      a0, a6
    j       trap_exit

/* trap_exit_same, t6 = the registers (arch_fast.h): back to the PD that
 * trapped at a system call, whose s0-s11 are in the CPU still, as are gp
 * and (on a one-core kernel) tp, which the kernel never writes. The
 * temporaries and a0-a7 are reloaded from its registers: it sees its own
 * values or results there, never the kernel's. */
    .globl trap_exit_same
trap_exit_same:
#ifdef MOAT_BENCHMARK
    mv      a0, t6
    call    bench_trap_exit         /* bench.c's accounting; returns a0 */
    mv      t6, a0
#endif
    csrw    sscratch, t6
    ld      t0, R(0)(t6)
    csrw    sepc, t0
    ld      ra, R(1)(t6)
    ld      sp, R(2)(t6)
#if MOAT_NCPUS > 1
    ld      tp, R(4)(t6)
#endif
    ld      t0, R(5)(t6)
    ld      t1, R(6)(t6)
    ld      t2, R(7)(t6)
    ld      a0, R(10)(t6)
    ld      a1, R(11)(t6)
    ld      a2, R(12)(t6)
    ld      a3, R(13)(t6)
    ld      a4, R(14)(t6)
    ld      a5, R(15)(t6)
    ld      a6, R(16)(t6)
    ld      a7, R(17)(t6)
    ld      t3, R(28)(t6)
    ld      t4, R(29)(t6)
    ld      t5, R(30)(t6)
    ld      t6, R(31)(t6)
    sret
#endif

full_save:
    sd      ra, R(1)(sp)
    sd      gp, R(3)(sp)
    sd      tp, R(4)(sp)
    sd      t1, R(6)(sp)
    sd      t2, R(7)(sp)
    sd      s0, R(8)(sp)
    sd      s1, R(9)(sp)
    sd      a0, R(10)(sp)
    sd      a1, R(11)(sp)
    sd      a2, R(12)(sp)
    sd      a3, R(13)(sp)
    sd      a4, R(14)(sp)
    sd      a5, R(15)(sp)
    sd      a6, R(16)(sp)
    sd      a7, R(17)(sp)
    sd      s2, R(18)(sp)
    sd      s3, R(19)(sp)
    sd      s4, R(20)(sp)
    sd      s5, R(21)(sp)
    sd      s6, R(22)(sp)
    sd      s7, R(23)(sp)
    sd      s8, R(24)(sp)
    sd      s9, R(25)(sp)
    sd      s10, R(26)(sp)
    sd      s11, R(27)(sp)
    sd      t3, R(28)(sp)
    sd      t4, R(29)(sp)
    sd      t5, R(30)(sp)
    sd      t6, R(31)(sp)
    csrrw   t0, sscratch, zero
    sd      t0, R(2)(sp)
    csrr    t0, sepc
    sd      t0, R(0)(sp)
    mv      a0, sp                  /* struct pd * (the registers are its first member) */
    csrr    a1, scause
    csrr    a2, stval
    ENTER_KERNEL
#ifndef MOAT_NO_FASTPATH
    li      t0, 0x8000000000000009  /* scause: supervisor external interrupt */
    beq     a1, t0, 7b
#endif
    call    trap
    call    arch_resume

/* a0 = &pd->arch.regs of the PD to resume. */
    .globl trap_exit
trap_exit:
#ifdef MOAT_BENCHMARK
    call    bench_trap_exit         /* bench.c's accounting; returns a0 */
#endif
    csrw    sscratch, a0
    ld      t0, R(0)(a0)
    csrw    sepc, t0
    ld      ra, R(1)(a0)
    ld      sp, R(2)(a0)
    ld      gp, R(3)(a0)
    ld      tp, R(4)(a0)
    ld      t0, R(5)(a0)
    ld      t1, R(6)(a0)
    ld      t2, R(7)(a0)
    ld      s0, R(8)(a0)
    ld      s1, R(9)(a0)
    ld      a1, R(11)(a0)
    ld      a2, R(12)(a0)
    ld      a3, R(13)(a0)
    ld      a4, R(14)(a0)
    ld      a5, R(15)(a0)
    ld      a6, R(16)(a0)
    ld      a7, R(17)(a0)
    ld      s2, R(18)(a0)
    ld      s3, R(19)(a0)
    ld      s4, R(20)(a0)
    ld      s5, R(21)(a0)
    ld      s6, R(22)(a0)
    ld      s7, R(23)(a0)
    ld      s8, R(24)(a0)
    ld      s9, R(25)(a0)
    ld      s10, R(26)(a0)
    ld      s11, R(27)(a0)
    ld      t3, R(28)(a0)
    ld      t4, R(29)(a0)
    ld      t5, R(30)(a0)
    ld      t6, R(31)(a0)
    ld      a0, R(10)(a0)
    sret

/* A trap taken in the kernel: sp is 0 and sscratch holds the kernel's sp.
 * It is a kernel bug, always fatal, and it may be an overflow of the kernel
 * stack into its guard page, where every push would fault again: report it
 * on a stack of its own. A trap while reporting (a second bug) must not
 * recurse either: stvec now points at kernel_trap_again. t0 and a3 are
 * lost; the report gives the trap's CSRs and sp. */
kernel_trap:
    csrrw   sp, sscratch, sp
    lla     t0, kernel_trap_again
    csrw    stvec, t0
    mv      a3, sp
    lla     sp, kstack_trap_top
    csrr    a0, scause
    csrr    a1, sepc
    csrr    a2, stval
    call    kernel_fault
1:  j       1b

/* The report itself trapped: stop here, touching no memory, with the second
 * trap's scause, sepc and stval left in the CSRs for a debugger. Not an SBI
 * shutdown: OpenSBI powers QEMU off with a success status for any reason. */
    .balign 4
kernel_trap_again:
    wfi
    j       kernel_trap_again
