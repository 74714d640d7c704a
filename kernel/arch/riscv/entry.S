/* SPDX-License-Identifier: BSD-2-Clause
 *
 * First instructions. OpenSBI enters here in S-mode at physical 0x80200000
 * with the MMU off (a0 = hart id, a1 = device tree, both unused). We turn on
 * a boot page table that maps the kernel both where it is (so the next
 * instruction still exists) and where it is linked, jump to the linked
 * address, clear bss and run kmain on the kernel stack. Until the jump, only
 * PC-relative addressing (lla) may be used. */
#include "moat/image.h"

#define KSTACK_SIZE 16384

/* Turn on the boot page table `pt` (MMU off until now: PC-relative only)
 * and go on at the linked address, label 1 below the macro. Clobbers t0, t1. */
.macro PAGING_ON pt
    lla     t0, \pt
    srli    t0, t0, 12
    li      t1, 8 << 60             /* satp.MODE = Sv39, ASID 0 */
    or      t0, t0, t1
    sfence.vma
    csrw    satp, t0
    sfence.vma
    li      t1, KERNEL_VBASE
    lla     t0, 1f
    add     t0, t0, t1
    jr      t0
.endm

    .section .text.entry
    .globl _start
_start:
    mv      s1, a0                  /* the hart id, for kmain */
    PAGING_ON boot_pt
1:  lla     sp, kstack_top
    lla     t0, __bss_start
    lla     t1, __bss_end
2:  bgeu    t0, t1, 3f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       2b
3:  lla     t0, trap_entry
    csrw    stvec, t0
    csrw    sscratch, zero
    mv      a0, s1
    call    kmain
    call    arch_resume
    j       trap_exit

#if MOAT_NCPUS > 1
/* The other harts of an SMP kernel, started by the boot hart (SBI HSM
 * hart_start) once the PD table is ready: a0 = hart id, a1 = its struct
 * cpu (a kernel address), whose first word is its kernel stack's top. They
 * turn on a page table of their own like the boot one (boot_pt has lost its
 * identity entry by now), jump to the linked address, and run ksecondary,
 * which switches to the kernel's page table and ends in the core's first PD. */
    .globl _start_secondary
_start_secondary:
    PAGING_ON boot_pt_ap
1:  mv      tp, a1
    ld      sp, 0(tp)
    lla     t0, trap_entry
    csrw    stvec, t0
    csrw    sscratch, zero
    call    ksecondary
    call    arch_resume
    j       trap_exit
#endif

/* Boot page table: 1 GiB pages, read-write-execute: enough to reach kmain.
 * Entry 2 maps 0x80000000 to itself (the code running before the jump);
 * entries 256..259 map physical 0..4 GiB at KERNEL_VBASE. arch_init replaces
 * both with the kernel's real mappings (kmap.c) before anything else runs. */
#define GIGA(i, flags) (((i) << 28) | (flags))
#define KFLAGS (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
    .section .data
    .balign 4096
    .globl boot_pt
boot_pt:
    .dword 0, 0, GIGA(2, KFLAGS)
    .fill 253, 8, 0
    .dword GIGA(0, KFLAGS | PTE_G), GIGA(1, KFLAGS | PTE_G)
    .dword GIGA(2, KFLAGS | PTE_G), GIGA(3, KFLAGS | PTE_G)
    .fill 252, 8, 0
#if MOAT_NCPUS > 1
    .balign 4096
boot_pt_ap:                         /* the same, for the other harts, never changed */
    .dword 0, 0, GIGA(2, KFLAGS)
    .fill 253, 8, 0
    .dword GIGA(0, KFLAGS | PTE_G), GIGA(1, KFLAGS | PTE_G)
    .dword GIGA(2, KFLAGS | PTE_G), GIGA(3, KFLAGS | PTE_G)
    .fill 252, 8, 0
#endif

/* The kernel stack: one per core, as the kernel is not preemptible. The linker
 * script puts it right above kstack_guard, a page left unmapped. */
    .section .kstack, "aw", @nobits
    .balign 4096
    .globl kstack
kstack:
    .space  KSTACK_SIZE
    .size   kstack, KSTACK_SIZE
    .globl kstack_top
kstack_top:
#if MOAT_NCPUS > 1
/* The other cores' stacks (without guard pages), KSTACK_SIZE each. */
    .section .bss.kstacks_ap
    .balign 4096
    .globl kstacks_ap
kstacks_ap:
    .space  KSTACK_SIZE * (MOAT_NCPUS - 1)
#endif

/* kernel_trap's own stack (trap.S): the trap may be an overflow of the
 * kernel stack, so reporting it cannot use that one. */
    .section .bss.kstack_trap
    .balign 16
    .space  4096
    .globl kstack_trap_top
kstack_trap_top:
