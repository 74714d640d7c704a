// SPDX-License-Identifier: BSD-2-Clause
//
// CSR access and the RISC-V constants the arch layer uses (privileged spec
// v1.12: sstatus 4.1.1, scause 4.1.9, satp 4.1.11). Included only under arch/riscv.
#pragma once

#include <stdint.h>

#define csr_read(csr)                                                                              \
    ({                                                                                             \
        uint64_t v_;                                                                               \
        __asm__ volatile("csrr %0, " #csr : "=r"(v_));                                             \
        v_;                                                                                        \
    })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" ::"rK"(v) : "memory")
#define csr_set(csr, v)   __asm__ volatile("csrs " #csr ", %0" ::"rK"(v) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" ::"rK"(v) : "memory")

#define SSTATUS_SIE      (1UL << 1)
#define SSTATUS_SPIE     (1UL << 5)
#define SSTATUS_SPP      (1UL << 8)
#define SSTATUS_FS       (3UL << 13)
#define SSTATUS_FS_INIT  (1UL << 13)
#define SSTATUS_FS_CLEAN (2UL << 13)
#define SSTATUS_SUM      (1UL << 18)

#define SIE_STIE (1UL << 5)
#define SIE_SSIE (1UL << 1) // supervisor software interrupt: another core's IPI
#define SIP_SSIP (1UL << 1)
#define SIE_SEIE (1UL << 9)

#define SCAUSE_INTR     (1UL << 63)
#define IRQ_S_SOFT      1
#define IRQ_S_TIMER     5
#define IRQ_S_EXT       9
#define EXC_ILLEGAL     2
#define EXC_ECALL_U     8

#define SATP_SV39      (8UL << 60)
#define SATP_ASID_SHIFT 44
#define SATP_ASID_MASK  0xffffUL

static inline void
sfence_vma(void)
{
    __asm__ volatile("sfence.vma" ::: "memory");
}
