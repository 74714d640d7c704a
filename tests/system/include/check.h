// SPDX-License-Identifier: BSD-2-Clause
//
// A few helpers for system-test PDs: print a check's result as `ok <name>`
// or `FAIL <name>: got X want Y`, and end the run with the verdict, which
// the kernel turns into QEMU's exit status (debug kernels). A release
// kernel refuses the halt: check_done() returns and the PD goes on, and
// tests/system/run.sh judges the run by its lines alone. They print with
// moat_dbg_* (moat.h), which print in release too, where microkit_dbg_*
// print nothing.
#pragma once

#include <moat.h>

static int check_failures;

static inline void
put_dec(long v)
{
    if (v < 0) {
        moat_dbg_putc('-');
        v = -v;
    }
    moat_dbg_put32((seL4_Uint32)v);
}

#define CHECK_EQ(name, got, want)                                                                  \
    do {                                                                                           \
        long got_ = (long)(got), want_ = (long)(want);                                             \
        if (got_ == want_) {                                                                       \
            moat_dbg_puts("ok " name "\n");                                                        \
        } else {                                                                                   \
            moat_dbg_puts("FAIL " name ": got ");                                                  \
            put_dec(got_);                                                                         \
            moat_dbg_puts(" want ");                                                               \
            put_dec(want_);                                                                        \
            moat_dbg_puts("\n");                                                                   \
            check_failures++;                                                                      \
        }                                                                                          \
    } while (0)

// Print `<pd>: PASS` or `<pd>: FAIL` and stop the system with that verdict.
static inline void
check_done(void)
{
    moat_dbg_puts(microkit_name);
    moat_dbg_puts(check_failures ? ": FAIL\n" : ": PASS\n");
    moat_dbg_halt(check_failures ? 1 : 0);
}

// Whether the whole page holding p reads zeros (a revoked service window).
static inline int
page_zero(const volatile void *p)
{
    const volatile uint8_t *page = (const volatile uint8_t *)((seL4_Word)p & ~(PAGE_SIZE - 1));

    for (seL4_Word i = 0; i < PAGE_SIZE; i++) {
        if (page[i])
            return 0;
    }
    return 1;
}

// Fill the whole page holding p with `byte`.
static inline void
page_fill(volatile void *p, uint8_t byte)
{
    volatile uint8_t *page = (volatile uint8_t *)((seL4_Word)p & ~(PAGE_SIZE - 1));

    for (seL4_Word i = 0; i < PAGE_SIZE; i++)
        page[i] = byte;
}

static inline void
spin(unsigned long n)
{
    for (volatile unsigned long i = 0; i < n; i++) {
    }
}

// The entry points of a PD whose only work is its service's callback `cb`.
#define SERVICE_ONLY(cb)                                                                           \
    void init(void)                                                                                \
    {                                                                                              \
        moat_ipc_on_service(cb, NULL);                                                             \
    }                                                                                              \
    void notified(microkit_channel ch)                                                             \
    {                                                                                              \
        (void)ch;                                                                                  \
    }
