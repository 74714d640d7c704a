// SPDX-License-Identifier: BSD-2-Clause
//
// What every file of the portable core needs: word types, ASSERT, panic and
// console output. The architecture supplies its types through arch_types.h,
// found on the include path (kernel/arch/riscv for the kernel, tests/unit for
// the host build).
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "moat/abi.h"

typedef uint64_t word_t;
typedef uint64_t paddr_t;

#include "arch_types.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define likely(x)     __builtin_expect(!!(x), 1)
#define unlikely(x)   __builtin_expect(!!(x), 0)

// Stop the machine: the kernel's own invariant is broken. Never for user input.
_Noreturn void panic_at(const char *file, int line, const char *msg);
#define panic(msg) panic_at(__FILE__, __LINE__, msg)
// A file whose code cannot afford the frame a call to panic_at needs (the
// fast paths: fastpath.c) defines MOAT_ASSERT_TRAP first: a failed assertion
// is then an ebreak, which the kernel's trap handler reports with its pc
// ("kernel trap: scause=0x3 sepc=...": the line is addr2line's) and stops.
#ifdef MOAT_ASSERT_TRAP
#define ASSERT_FAILED(c) __builtin_trap()
#else
#define ASSERT_FAILED(c) panic_at(__FILE__, __LINE__, "assertion failed: " #c)
#endif
#define ASSERT(c)                                                                                  \
    do {                                                                                           \
        if (unlikely(!(c)))                                                                        \
            ASSERT_FAILED(c);                                                                      \
    } while (0)

// Console output: %s %c %d %u %x %lx %lu %ld %p, nothing else. %x is plain hex
// (no 0x, as printf's); %p prints 0x before it.
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

// The kernel's own messages (boot, faults nobody handles, refused calls):
// debug kernels only. A release kernel prints nothing of its own but a
// panic's lines; only its PDs print (SYS_DEBUG_PUTC). In release the call
// is compiled out, its arguments still type-checked.
#ifdef MOAT_DEBUG
#define kdbg(...) kprintf(__VA_ARGS__)
#else
#define kdbg(...)                                                                                  \
    do {                                                                                           \
        if (0)                                                                                     \
            kprintf(__VA_ARGS__);                                                                  \
    } while (0)
#endif

// The reason panic() stopped the kernel, readable by a debugger (Hubris's epitaph).
extern const char *kernel_epitaph;
