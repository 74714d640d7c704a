// SPDX-License-Identifier: BSD-2-Clause
//
// SBI calls: extension id in a7, function id in a6, arguments from a0.
#include "sbi.h"

#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_TIME           0x54494d45 // "TIME"
#define SBI_EXT_SRST           0x53525354 // "SRST"
#define SBI_EXT_HSM            0x48534d   // "HSM"
#define SBI_EXT_IPI            0x735049   // "sPI"

static long
sbi_call3(long ext, long fid, long arg0, long arg1, long arg2)
{
    register long a0 __asm__("a0") = arg0;
    register long a1 __asm__("a1") = arg1;
    register long a2 __asm__("a2") = arg2;
    register long a6 __asm__("a6") = fid;
    register long a7 __asm__("a7") = ext;

    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a6), "r"(a7) : "memory");
    return a0;
}

static long
sbi_call(long ext, long fid, long arg0, long arg1)
{
    return sbi_call3(ext, fid, arg0, arg1, 0);
}

long
sbi_hart_start(unsigned long hart, uint64_t pa, uint64_t opaque)
{
    return sbi_call3(SBI_EXT_HSM, 0, (long)hart, (long)pa, (long)opaque);
}

void
sbi_hart_stop(void)
{
    sbi_call(SBI_EXT_HSM, 1, 0, 0);
}

void
sbi_putchar(char c)
{
    sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned char)c, 0);
}

void
sbi_set_timer(uint64_t when)
{
    sbi_call(SBI_EXT_TIME, 0, (long)when, 0);
}

void
sbi_shutdown(void)
{
    sbi_call(SBI_EXT_SRST, 0, 0, 0);
}

void
sbi_send_ipi(unsigned long hart_mask, unsigned long base)
{
    sbi_call(SBI_EXT_IPI, 0, (long)hart_mask, (long)base);
}
