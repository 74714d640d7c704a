// SPDX-License-Identifier: BSD-2-Clause
//
// The part of seL4's libsel4 that Microkit programs use next to microkit.h
// (types, message info, message registers, fault labels), mapped onto moat.
// Everything else of libsel4 is deliberately absent, so a program that uses
// raw seL4 objects fails to compile instead of misbehaving (docs/lib.md has
// the list). As libsel4's does, it includes the configuration first.
#pragma once

#include <stdint.h>

#include "sel4/config.h"

#include "moat/abi.h"
#include "moat/syscall.h"

typedef int8_t seL4_Int8;
typedef int16_t seL4_Int16;
typedef int32_t seL4_Int32;
typedef int64_t seL4_Int64;
typedef uint8_t seL4_Uint8;
typedef uint16_t seL4_Uint16;
typedef uint32_t seL4_Uint32;
typedef uint64_t seL4_Uint64;
typedef seL4_Uint64 seL4_Word;
typedef seL4_Int8 seL4_Bool;
typedef seL4_Word seL4_CPtr;

#define seL4_True  1
#define seL4_False 0
#define seL4_Null  ((void *)0)
#define seL4_CapNull 0
#define seL4_WordBits 64
#define seL4_MsgMaxLength MOAT_MSG_MAX

typedef enum {
    seL4_NoError = 0,
    seL4_InvalidArgument,
    seL4_InvalidCapability,
    seL4_IllegalOperation,
    seL4_RangeError,
    seL4_AlignmentError,
    seL4_FailedLookup,
    seL4_TruncatedMessage,
    seL4_DeleteFirst,
    seL4_RevokeFirst,
    seL4_NotEnoughMemory,
    seL4_NumErrors
} seL4_Error;

// Message info: label (52 bits), capsUnwrapped (3), extraCaps (2), length (7).
typedef struct seL4_MessageInfo {
    seL4_Uint64 words[1];
} seL4_MessageInfo_t;

static inline seL4_MessageInfo_t
seL4_MessageInfo_new(seL4_Uint64 label, seL4_Uint64 capsUnwrapped, seL4_Uint64 extraCaps,
                     seL4_Uint64 length)
{
    seL4_MessageInfo_t m;

    m.words[0] = (label & 0xfffffffffffffULL) << 12 | (capsUnwrapped & 0x7ULL) << 9 |
                 (extraCaps & 0x3ULL) << 7 | (length & 0x7fULL);
    return m;
}

static inline seL4_Uint64
seL4_MessageInfo_get_label(seL4_MessageInfo_t m)
{
    return m.words[0] >> 12;
}

static inline seL4_Uint64
seL4_MessageInfo_get_capsUnwrapped(seL4_MessageInfo_t m)
{
    return (m.words[0] >> 9) & 0x7;
}

static inline seL4_Uint64
seL4_MessageInfo_get_extraCaps(seL4_MessageInfo_t m)
{
    return (m.words[0] >> 7) & 0x3;
}

static inline seL4_Uint64
seL4_MessageInfo_get_length(seL4_MessageInfo_t m)
{
    return m.words[0] & 0x7f;
}

static inline seL4_MessageInfo_t
seL4_MessageInfo_set_label(seL4_MessageInfo_t m, seL4_Uint64 label)
{
    m.words[0] = (m.words[0] & 0xfffULL) | (label & 0xfffffffffffffULL) << 12;
    return m;
}

static inline seL4_MessageInfo_t
seL4_MessageInfo_set_length(seL4_MessageInfo_t m, seL4_Uint64 length)
{
    m.words[0] = (m.words[0] & ~0x7fULL) | (length & 0x7fULL);
    return m;
}

// The IPC buffer: one page at the top of every PD's address space.
typedef struct seL4_IPCBuffer_ {
    seL4_MessageInfo_t tag;
    seL4_Word msg[seL4_MsgMaxLength];
} seL4_IPCBuffer;

_Static_assert(__builtin_offsetof(seL4_IPCBuffer, msg) == IPCBUF_MR_OFFSET, "moat/abi.h");

// libmicrokit's pointer to the IPC buffer, as upstream's main.c defines it
// (lib/globals.c): always USER_IPCBUF. seL4_GetIPCBuffer() does not read it,
// the address being fixed.
extern seL4_IPCBuffer *__sel4_ipc_buffer;

static inline seL4_IPCBuffer *
seL4_GetIPCBuffer(void)
{
    return (seL4_IPCBuffer *)USER_IPCBUF;
}

static inline seL4_Word
seL4_GetMR(int i)
{
    return seL4_GetIPCBuffer()->msg[i];
}

static inline void
seL4_SetMR(int i, seL4_Word v)
{
    seL4_GetIPCBuffer()->msg[i] = v;
}

// Fault labels and message layout as in the MCS kernel Microkit uses.
typedef enum {
    seL4_Fault_NullFault = 0,
    seL4_Fault_CapFault = 1,
    seL4_Fault_UnknownSyscall = 2,
    seL4_Fault_UserException = 3,
    seL4_Fault_Timeout = 5,
    seL4_Fault_VMFault = 6,
} seL4_FaultType;

enum {
    seL4_VMFault_IP = 0,
    seL4_VMFault_Addr = 1,
    seL4_VMFault_PrefetchFault = 2,
    seL4_VMFault_FSR = 3,
    seL4_VMFault_Length = 4,
};

enum {
    seL4_UserException_FaultIP = 0,
    seL4_UserException_SP = 1,
    seL4_UserException_Number = 2,
    seL4_UserException_Code = 3,
    seL4_UserException_Length = 4,
};

// RISC-V register file in seL4's order.
typedef struct seL4_UserContext_ {
    seL4_Word pc, ra, sp, gp, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
    seL4_Word a0, a1, a2, a3, a4, a5, a6, a7, t0, t1, t2, t3, t4, t5, t6, tp;
} seL4_UserContext;

// Present in both configurations (upstream's needs CONFIG_PRINTING): moat's
// release kernel has SYS_DEBUG_PUTC too.
static inline void
seL4_DebugPutChar(char c)
{
    register seL4_Word a0 __asm__("a0") = (unsigned char)c;
    register seL4_Word a7 __asm__("a7") = SYS_DEBUG_PUTC;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a7)
                     :
                     : "a1", "a2", "a3", "a4", "a5", "a6", "t0", "t1", "t2", "t3", "t4", "t5",
                       "t6", "memory");
}

#ifdef CONFIG_DEBUG_BUILD
// Stops the whole system: SYS_DEBUG_HALT with exit code 0, so the kernel
// prints `moat: pd '<name>' halted the system with code 0` and powers the
// machine off (QEMU exits with status 0). Debug only, as upstream's: a
// release kernel has no SYS_DEBUG_HALT.
static inline void
seL4_DebugHalt(void)
{
    register seL4_Word a0 __asm__("a0") = 0;
    register seL4_Word a7 __asm__("a7") = SYS_DEBUG_HALT;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a7)
                     :
                     : "a1", "a2", "a3", "a4", "a5", "a6", "t0", "t1", "t2", "t3", "t4", "t5",
                       "t6", "memory");
}
#endif

#ifdef CONFIG_ENABLE_BENCHMARKS
// seL4's benchmark calls in Microkit's benchmark configuration (track
// utilisation): SYS_BENCH. Figures are cycle-counter cycles (docs/lib.md).
// A cptr must name a TCB: TCB_CAP (the PD itself) or BASE_TCB_CAP + id (a
// child); with any other, the call does nothing, as seL4's.

// Zero the totals and the idle loop's figures and start measuring.
// Returns seL4_NoError.
static inline seL4_Error
seL4_BenchmarkResetLog(void)
{
    return (seL4_Error)moat_sys2(SYS_BENCH, BENCH_RESET_LOG, 0);
}

// Stop measuring; the figures stay. Returns 0 (seL4's log index: there is no
// log buffer in this configuration).
static inline seL4_Word
seL4_BenchmarkFinalizeLog(void)
{
    return (seL4_Word)moat_sys2(SYS_BENCH, BENCH_FINALIZE_LOG, 0);
}

#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
// The figures of the thread tcb_cptr names, the idle loop's and the totals,
// written into the IPC buffer at msg[BENCHMARK_*]
// (sel4/benchmark_utilisation_types.h).
static inline void
seL4_BenchmarkGetThreadUtilisation(seL4_Word tcb_cptr)
{
    (void)moat_sys2(SYS_BENCH, BENCH_GET_UTIL, tcb_cptr);
}

// Zero the figures of the thread tcb_cptr names.
static inline void
seL4_BenchmarkResetThreadUtilisation(seL4_Word tcb_cptr)
{
    (void)moat_sys2(SYS_BENCH, BENCH_RESET_UTIL, tcb_cptr);
}
#endif
#endif
