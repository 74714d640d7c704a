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
typedef seL4_CPtr seL4_TCB;
typedef seL4_CPtr seL4_SchedContext;

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
    moat_sys1(SYS_DEBUG_PUTC, (unsigned char)c);
}

#ifdef CONFIG_DEBUG_BUILD
// Stops the whole system: SYS_DEBUG_HALT with exit code 0, so the kernel
// prints `moat: pd '<name>' halted the system with code 0` and powers the
// machine off (QEMU exits with status 0). Debug only, as upstream's: a
// release kernel has no SYS_DEBUG_HALT.
static inline void
seL4_DebugHalt(void)
{
    moat_sys1(SYS_DEBUG_HALT, 0);
}
#endif

#ifdef CONFIG_DEBUG_BUILD
// Prints every PD with its state, priority, budget, period and pc
// (SYS_DEBUG_DUMP). Debug only, as upstream's.
static inline void
seL4_DebugDumpScheduler(void)
{
    moat_sys1(SYS_DEBUG_DUMP, 0);
}
#endif

// Notifications by Microkit's capability slots. seL4_Signal on
// BASE_OUTPUT_NOTIFICATION_CAP + ch is microkit_notify(ch) (SYS_NOTIFY),
// without its check: a bad channel is refused by the kernel (the debug
// kernel says so) and nothing happens. seL4_Wait, seL4_NBWait and seL4_Poll
// take INPUT_CAP, the PD's own notification (SYS_WAIT): the notified
// channels come back as the badge, one bit per channel id, and are cleared.
// The wait takes notifications only: a call, a child's fault or a service
// event that arrives meanwhile waits for the event loop's next wait. NBWait
// and Poll return at once, with badge 0 if nothing was pending. Any other
// cptr returns at once with badge 0.
static inline void
seL4_Signal(seL4_CPtr dest)
{
    moat_sys1(SYS_NOTIFY, dest - CAP_MK_NTFN); // wraps to an invalid id below slot 10
}

static inline seL4_MessageInfo_t
moat_sel4_wait(seL4_CPtr src, seL4_Word poll, seL4_Word *sender)
{
    seL4_Word badge;

    moat_sys_wait(src, poll, &badge);
    if (sender)
        *sender = badge;
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

static inline seL4_MessageInfo_t
seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    return moat_sel4_wait(src, 0, sender);
}

static inline seL4_MessageInfo_t
seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    return moat_sel4_wait(src, 1, sender);
}

static inline seL4_MessageInfo_t
seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_NBWait(src, sender);
}

// Gives up the rest of the PD's turn (SYS_YIELD): it goes behind the
// runnable PDs of its priority, and the next one starts a fresh time slice.
// Unlike seL4 MCS, a PD with budget < period keeps what is left of its
// budget.
static inline void
seL4_Yield(void)
{
    moat_sys1(SYS_YIELD, 0);
}

// SYS_CAP's errors as seL4 reports them: a cptr that names nothing is a
// failed lookup (where seL4 would raise a capability fault), a capability
// of the wrong kind an illegal operation.
static inline seL4_Error
moat_sel4_error(long err)
{
    switch (err) {
    case E_OK:
        return seL4_NoError;
    case E_NOENT:
        return seL4_FailedLookup;
    default:
        return seL4_IllegalOperation;
    }
}

// Threads, by a TCB capability: a <cap_tcb> slot of the PD's <cspace>
// (microkit_cspace_root_slot_to_cptr(slot)) or, for a parent, BASE_TCB_CAP +
// child id. Suspend stops the thread (the caller's own included: its call
// returns when it is resumed); a thread suspended while it waited waits
// again when resumed, one suspended in a call finds the call failed. Resume
// runs a suspended (or faulted) thread again; on a running one it does
// nothing.
static inline seL4_Error
seL4_TCB_Suspend(seL4_TCB service)
{
    return moat_sel4_error(moat_sys2(SYS_CAP, service, CAP_TCB_SUSPEND));
}

static inline seL4_Error
seL4_TCB_Resume(seL4_TCB service)
{
    return moat_sel4_error(moat_sys2(SYS_CAP, service, CAP_TCB_RESUME));
}

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
