// SPDX-License-Identifier: BSD-2-Clause
//
// moat's own additions to the PD API, for programs that want the kernel's
// error codes rather than Microkit's print-and-return behaviour.
#pragma once

#include "microkit.h"

// Notify channel ch. Returns E_OK, E_RANGE, E_NOENT or E_PERM (docs/abi.md).
static inline long
moat_notify(microkit_channel ch)
{
    return moat_sys1(SYS_NOTIFY, ch);
}

// Call the PD at the other end of ch. On success *msginfo holds the reply.
// Returns E_OK, E_RANGE, E_NOENT, E_PERM, E_INVAL or E_DEAD.
static inline long
moat_ppcall(microkit_channel ch, microkit_msginfo *msginfo)
{
    return moat_sys_call(ch, &msginfo->words[0], seL4_GetIPCBuffer()->msg);
}

// Acknowledge the interrupt on ch.
static inline long
moat_irq_ack(microkit_channel ch)
{
    return moat_sys1(SYS_IRQ_ACK, ch);
}

// Console output in every configuration, release included (SYS_DEBUG_PUTC),
// where microkit_dbg_* print in debug only: for moat's own programs that
// must print in release (benchmarks, system tests). putc writes one byte,
// puts a NUL-terminated string, put32 an unsigned decimal, puthex "0x" and
// 16 hexadecimal digits.
void moat_dbg_putc(int c);
void moat_dbg_puts(const char *s);
void moat_dbg_put32(seL4_Uint32 x);
void moat_dbg_puthex(seL4_Word x);

// Stop the whole system (debug kernels only; release kernels return E_NOSYS).
// code 0 makes QEMU exit with status 0, any other code with that status.
static inline long
moat_dbg_halt(unsigned code)
{
    return moat_sys1(SYS_DEBUG_HALT, code);
}

// Print the IPC timeline on the console (SYS_DEBUG_DUMP, DEBUG_DUMP_TRACE), for
// `moat trace` (docs/debugging.md). Debug and benchmark kernels; E_NOSYS in a
// release kernel, E_INVAL in a debug kernel built without the trace.
static inline long
moat_trace_dump(void)
{
    return moat_sys1(SYS_DEBUG_DUMP, DEBUG_DUMP_TRACE);
}

// SYS_PD_CTL: restart, stop, resume or reset (PD_CTL_*) the child with id
// `child`. Returns E_OK, E_RANGE, E_NOENT (not a child of this PD) or E_INVAL.
static inline long
moat_pd_ctl(microkit_child child, seL4_Word op, seL4_Word entry)
{
    register moat_word a0 __asm__("a0") = child;
    register moat_word a1 __asm__("a1") = op;
    register moat_word a2 __asm__("a2") = entry;
    register moat_word a7 __asm__("a7") = SYS_PD_CTL;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a7)
                     :
                     : "a3", "a4", "a5", "a6", MOAT_CLOBBERS);
    return (long)a0;
}

// Restart a child from a pristine state: its writable data and bss as at
// boot, its stack and IPC buffer zeroed, every register zero but pc (its
// entry point) and sp, its FPU state and pending notifications cleared. What
// Microkit's microkit_pd_restart leaves dirty. Memory regions are shared and
// keep their contents. Returns E_OK, E_RANGE or E_NOENT.
static inline long
moat_pd_reset(microkit_child child)
{
    return moat_pd_ctl(child, PD_CTL_RESET, 0);
}

// Reset this PD as moat_pd_reset resets a child, and run it from its entry
// point (init() again). Does not return; or returns E_STATE if the tool gave
// the PD no boot state (it did not link this function: the kernel cannot
// tell). Calls it was serving fail with E_DEAD; its service and client ids
// go stale, as on any reset.
long moat_pd_reset_self(void);

// The cycle and retired-instruction counters (the cycle and instret CSRs,
// which U-mode may read in every configuration). Under QEMU -icount both
// count instructions.
static inline uint64_t
moat_cycles(void)
{
    uint64_t v;

    __asm__ volatile("rdcycle %0" : "=r"(v));
    return v;
}

static inline uint64_t
moat_instret(void)
{
    uint64_t v;

    __asm__ volatile("rdinstret %0" : "=r"(v));
    return v;
}

// SYS_BENCH (benchmark kernels; others return E_NOSYS): op is BENCH_*, cptr
// a TCB cptr for BENCH_GET_UTIL and BENCH_RESET_UTIL. Returns E_OK, E_INVAL
// (no such op) or E_NOENT (the cptr names no TCB of this PD).
static inline long
moat_bench(seL4_Word op, seL4_CPtr cptr)
{
    return moat_sys2(SYS_BENCH, op, cptr);
}

// A short name for an error code ("E_RANGE"), for printing.
const char *moat_strerror(long err);

// --- Tock-style services (docs/lib.md, docs/abi.md SYS_IPC) ------------------
// Services and their clients are declared in the system description. Ids are
// opaque, never 0, and go stale (E_STALE) when the PD they name restarts.
// Callbacks run from the event loop (or libtock's yield), never in between;
// an event that arrives before its callback is registered is kept and runs
// once one is.

#include <stddef.h>

// A service or client event: the peer's id, and for a service the buffer the
// client shared with it (len bytes at buf, in this PD's window onto the
// client's pages, or a copy for share="copy"; 0 and NULL if none). ud is
// what was given at registration.
typedef void (*moat_ipc_callback)(size_t peer, size_t len, void *buf, void *ud);

// The id of the service called `name` (a service this PD may use, or its
// own). Returns E_OK, E_NOENT (no such service, or one this PD may not use)
// or E_RANGE (name longer than 64 bytes). *own is set if it is this PD's own.
long moat_ipc_discover(const char *name, size_t *id, bool *own);

// Notify service `id` (this PD is its client) or client `id` (of this PD's
// service). Returns E_OK, E_NOENT, E_INVAL (the id is this PD's own),
// E_STALE or E_DEAD (the peer is stopped).
long moat_ipc_notify_service(size_t id);
long moat_ipc_notify_client(size_t id);

// Share len bytes at base (this PD's own writable memory, at most one page)
// with service `id`, replacing what was shared with it; len 0 unshares. The
// service then sees the buffer itself, with the rest of the (one or two)
// pages that hold it: each side's writes reach the other at once (a client
// of share="copy" instead gets a copy, taken when the service takes this
// PD's notification and copied back when this PD takes the service's;
// docs/sdf.md). Returns E_OK, E_RANGE, E_PERM (not this PD's writable RAM),
// E_NOENT, E_INVAL or E_STALE.
long moat_ipc_share(size_t id, void *base, size_t len);

// A buffer of `size` bytes alone in its pages: page-aligned and a whole
// number of pages long, so that a service it is shared with sees nothing
// else of this PD. For instance: static MOAT_IPC_BUFFER(buf, 64);
#define MOAT_IPC_BUFFER(name, size)                                                                \
    uint8_t name[((size) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1)] __attribute__((aligned(PAGE_SIZE)))

// Register the callback for clients of this PD's service, or for service
// `id` (any incarnation of the PD it names); NULL unregisters. Returns E_OK,
// or for moat_ipc_on_client E_NOENT if id cannot name a PD.
long moat_ipc_on_service(moat_ipc_callback cb, void *ud);
long moat_ipc_on_client(size_t id, moat_ipc_callback cb, void *ud);

// Time in ticks of MOAT_TIME_HZ since boot (the time CSR).
#define MOAT_TIME_HZ 10000000UL // QEMU virt's timebase
static inline uint64_t
moat_time(void)
{
    uint64_t t;

    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}

// Run cb(ud) from the event loop once moat_time() reaches `deadline`
// (replacing any earlier alarm); deadline 0 cancels.
void moat_alarm_set(uint64_t deadline, void (*cb)(void *), void *ud);

// Console input (SYS_CONSOLE_READ; docs/design.md, "Console input"): copy
// up to n (1..CONSOLE_READ_MAX) bytes that have arrived into buf, returning
// how many (0 if none has), or an error: E_PERM when a PD owns the UART,
// E_RANGE for a bad n. With none there and cb not NULL, cb(ud) runs from
// the event loop once input arrives (then read again).
long moat_console_read(char *buf, size_t n, void (*cb)(void *), void *ud);

// For event loops (lib/main.c, libtock's yield): run the callback of an event
// a wait returned, or keep it (service events) until one is registered.
// Returns true if a callback ran.
// (badge, a2, a3, a4 of the wait: by value, so the caller's event stays in registers)
bool moat_event_dispatch(moat_word badge, moat_word id, moat_word len, moat_word addr);
// Non-zero while any event is kept (a cheap test first); run one kept event
// whose callback is now registered, returning false if there is none.
extern uint64_t moat_kept;
bool moat_event_dispatch_kept(void);

// The PD index an id names (its low byte less one), or -1 if it names none.
static inline int
moat_ipc_index(size_t id)
{
    return (id & 0xff) == 0 || IPC_ID_INDEX(id) >= MOAT_MAX_PDS ? -1 : (int)IPC_ID_INDEX(id);
}
