// SPDX-License-Identifier: BSD-2-Clause
//
// Shared by the benchmark PDs (bench/ipc, bench/smp): the instruction
// counter (exact under QEMU -icount shift=0), the figures' output, and
// bench/ipc's channel ids.
#pragma once

#include <stddef.h>

#include <moat.h>

#define CH_SERVER   1
#define CH_MKSERVER 2
#define CH_HI       3 // call: fetch waiter_hi's timestamp; notify: wake it
#define CH_LO       4
#define CH_PASSIVE  5 // the raw server again, passive: it runs on the client's budget
#define CH_CAPPED   6 // the raw server again, on a constrained budget (budget < period)
#define CH_EQUAL    7 // notify: `equal` (the client's priority) becomes runnable, then waits again

static inline seL4_Word
instret(void)
{
    seL4_Word v;

    __asm__ volatile("rdinstret %0" : "=r"(v));
    return v;
}

// A figure, as `make bench` and bench/check.sh read it: `<name> <value> instructions`.
static inline void
bench_report(const char *name, seL4_Word v)
{
    moat_dbg_puts(name);
    moat_dbg_puts(" ");
    moat_dbg_put32((seL4_Uint32)v);
    moat_dbg_puts(" instructions\n");
}
