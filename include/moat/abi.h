// SPDX-License-Identifier: BSD-2-Clause
//
// The moat ABI: every fact shared by the kernel, the PD library and the tool.
// System call numbers, error codes, limits, the message-info word and the
// fixed parts of a PD's address space. Nothing here may be renumbered.
#pragma once

// Constants usable from C and from assembly.
#ifdef __ASSEMBLER__
#define MOAT_UL(x) x
#else
#define MOAT_UL(x) x##UL
#endif

// Limits (Microkit's: 63 PDs, channel and IRQ ids 0..61, priorities 0..254).
#define MOAT_MAX_PDS      63
#define MOAT_MAX_CHANNELS 62
#define MOAT_MAX_PRIO     254
#define MOAT_NAME_LEN     64
#define MOAT_MSG_MAX      120 // message registers per call, as seL4_MsgMaxLength
#define MOAT_MSG_REGS     4   // message registers that travel in CPU registers (a2..a5)

// System calls. Number in a7, arguments in a0..a5; a0 returns the error code.
// Every call clobbers ra's siblings: t0-t6 and a0-a7 (see docs/abi.md).
#define SYS_CALL        0 // a0=ch a1=tag a2..a5=mr0..3 -> a0=err a1=tag a2..a5=mr0..3
#define SYS_REPLY_RECV  1 // a0=action a1=tag a2..a5    -> a0=err a1=tag a2..a5 a6=badge
#define SYS_RECV        2 // a0=action                  -> a0=err a1=tag a2..a5 a6=badge
#define SYS_NOTIFY      3 // a0=ch                      -> a0=err
#define SYS_IRQ_ACK     4 // a0=ch                      -> a0=err
#define SYS_DEBUG_PUTC  5 // a0=character               -> a0=err
#define SYS_DEBUG_HALT  6 // a0=exit code (0 = pass)    -> does not return on success
#define SYS_PD_CTL      7 // a0=child id a1=op a2=entry -> a0=err
#define SYS_IPC         8 // a0=op a1..a3 (IPC_*)       -> a0=err a1 a2
#define SYS_ALARM       9 // a0=deadline (time CSR ticks, absolute; 0 cancels) -> a0=err
#define SYS_CAP         10 // a0=cptr a1=op (CAP_*)     -> a0=err
#define SYS_BENCH       11 // a0=op a1=TCB cptr (BENCH_*; benchmark kernels only) -> a0=err
#define SYS_YIELD       12 // (no arguments)            -> a0=err
#define SYS_WAIT        13 // a0=cptr a1=1 to poll      -> a0=err a6=badge (notifications only)
#define SYS_DEBUG_DUMP  14 // (no arguments)            -> a0=err (debug kernels: the PD table)
#define SYS_POLL        15 // a0=action                  -> as SYS_RECV; a6=0 if nothing was there
#define SYS_CONSOLE_READ 16 // a0=max bytes a1=1 to be told -> a0=err a1=bytes (at IPC buffer + IPCBUF_MR_OFFSET)
#define SYS_COUNT       17

// SYS_IPC operations: Tock-style services (docs/abi.md). A service or client
// id names a PD and its incarnation: (generation << 8) | (PD index + 1), so it
// is never 0, fits in an int, and goes stale when that PD restarts.
#define IPC_DISCOVER       0 // a1=name length, name at IPC buffer + IPCBUF_MR_OFFSET -> a1=id a2=1 if own
#define IPC_NOTIFY_SERVICE 1 // a1=service id
#define IPC_NOTIFY_CLIENT  2 // a1=client id
#define IPC_SHARE          3 // a1=service id a2=base a3=length (0 unshares)
#define IPC_ID_INDEX(id)   (((id) & 0xffUL) - 1)
#define IPC_ID_GEN(id)     ((id) >> 8)
#define IPC_GEN_MASK       0x7fffffUL // ids stay below 2^31

// A service sees the buffer a client shared with it through a window of its
// own address space, below 2 GiB so the address fits a callback's int: at
// USER_IPC_WINDOW + client PD index * IPC_WINDOW_PAGES * PAGE_SIZE, two pages
// that show the client's own pages holding the buffer (at most a page long,
// so on at most two), then the pair's own page (the copy of a client with
// share="copy", and what a revoked window shows), never mapped there.
#define USER_IPC_WINDOW    0x7f000000UL
#define IPC_WINDOW_PAGES   3
#define USER_IPC_WINDOW_END (USER_IPC_WINDOW + MOAT_MAX_PDS * IPC_WINDOW_PAGES * PAGE_SIZE)
#define IPC_SHARE_MAX      PAGE_SIZE

// SYS_BENCH operations: seL4's CPU-utilisation calls (docs/abi.md). Other
// kernels than the benchmark one return E_NOSYS.
#define BENCH_RESET_LOG    0 // start measuring: zero the totals and the idle figures
#define BENCH_FINALIZE_LOG 1 // stop measuring
#define BENCH_GET_UTIL     2 // a1=TCB cptr: figures into the IPC buffer's msg[0..12]
#define BENCH_RESET_UTIL   3 // a1=TCB cptr: zero that PD's figures
#define BENCH_NWORDS       13 // words BENCH_GET_UTIL writes, in libsel4's order

// SYS_PD_CTL operations on a child PD (or, for a reset, on the caller).
#define PD_CTL_RESTART 0 // cancel what it is doing and run it from pc = a2
#define PD_CTL_STOP    1 // cancel what it is doing and stop it
#define PD_CTL_RESUME  2 // run a stopped (or faulted) child from where it stopped
#define PD_CTL_RESET   3 // restore its boot state (memory, registers) and run it
#define PD_CTL_SELF    255 // as the child id: the caller itself (PD_CTL_RESET only)

// SYS_CAP: an seL4 invocation on a capability a PD holds by the description
// alone (docs/design.md, "Capabilities"). A cptr is one of
//   slot << CAP_ROOT_SHIFT: root slot 1..63 of the PD's <cspace>;
//   CAP_MK_TCB + id: the TCB of its child `id` (Microkit's BASE_TCB_CAP);
//   CAP_MK_SELF, in the benchmark configuration: its own TCB (TCB_CAP);
// anything else names nothing.
#define CAP_TCB_SUSPEND 0 // stop the thread (seL4_TCB_Suspend)
#define CAP_TCB_RESUME  1 // run a suspended thread again (seL4_TCB_Resume)
#define CAP_ROOT_SHIFT  58 // 64 - PD_ROOT_CAP_BITS: the root CNode's 64 slots
#define CAP_MK_INPUT    1   // Microkit's INPUT_CAP: the PD's own notification (SYS_WAIT)
#define CAP_MK_SELF     6   // Microkit's TCB_CAP: the PD's own thread (benchmark kernels only)
#define CAP_MK_NTFN     10  // Microkit's BASE_OUTPUT_NOTIFICATION_CAP: + channel id
#define CAP_MK_TCB      202

// Errors, returned in a0. Zero is success; errors are negative.
#define E_OK     0
#define E_NOSYS  (-1) // no such system call (or not in this kernel configuration)
#define E_INVAL  (-2) // malformed argument: unknown action kind, cap fields in a tag
#define E_RANGE  (-3) // index or length out of range: channel id, message length
#define E_PERM   (-4) // the channel exists but does not allow this operation
#define E_NOENT  (-5) // no channel with that id
#define E_STATE  (-6) // the call does not fit the PD's state: reply with no caller
#define E_DEAD   (-7) // the peer is stopped (it faulted) and cannot answer
#define E_STALE  (-8) // the id names an earlier incarnation of a PD that was restarted
// Their names, by -error: what a debug kernel's and the library's messages print.
#define E_NAMES                                                                                    \
    {"E_OK", "E_NOSYS", "E_INVAL", "E_RANGE", "E_PERM", "E_NOENT", "E_STATE", "E_DEAD", "E_STALE"}
#define E_COUNT 9

// The deferred action carried by SYS_RECV and SYS_REPLY_RECV in a0: performed
// before the wait, in the same system call (Microkit's deferred notify / ack).
#define ACTION_NONE    0
#define ACTION_NOTIFY  (1UL << 8) // | channel id
#define ACTION_IRQ_ACK (2UL << 8) // | channel id
#define ACTION_KIND(a) ((a) & ~0xffUL)
#define ACTION_CH(a)   ((a) & 0xffUL)

// Message info, bit-compatible with seL4_MessageInfo_t on 64-bit:
// label (52 bits) << 12 | capsUnwrapped (3) << 9 | extraCaps (2) << 7 | length (7).
#define TAG_LENGTH(t) ((t) & 0x7fUL)
#define TAG_CAPS(t)   (((t) >> 7) & 0x1fUL) // must be zero: moat has no capabilities
#define TAG_LABEL(t)  ((t) >> 12)

// Badge returned in a6 by a wait: which event woke the PD.
// Bit 63: a protected procedure call on channel (badge & 0x3f).
// Bit 62: a fault of child (badge & 0xff) (reserved for child PDs).
// Otherwise: the set of notified channel ids, one bit per id.
// Both bits 63 and 62: a kernel event, its kind (EVENT_*) in the low byte.
#define BADGE_PPC   (1UL << 63)
#define BADGE_FAULT (1UL << 62)
#define BADGE_EVENT (3UL << 62)
#define EVENT_IPC_SERVICE 0 // a client notified this PD's service: a2=client id a3=len a4=address
#define EVENT_IPC_CLIENT  1 // a service notified this PD: a2=service id a3=0 a4=0
#define EVENT_ALARM       2 // the SYS_ALARM deadline passed
#define EVENT_CONSOLE     3 // console input arrived (SYS_CONSOLE_READ asked to be told)

// A PD's address space (Sv39, user half 0 .. 256 GiB). Programs are linked at
// 0x200000 (microkit.ld). From the top: an unmapped page, the IPC buffer, an
// unmapped guard page, the stack (stack_size bytes) and, below it, one more
// unmapped guard page that catches stack overflow.
#define USER_TOP        0x4000000000UL
#define USER_IPCBUF     0x3fffffe000UL // message registers, 4 KiB
#define USER_STACK_TOP  0x3fffffd000UL // initial sp; guard page above it
#define USER_TEXT_BASE  0x200000UL
#define STACK_SIZE_DEF  0x2000UL
#define STACK_SIZE_MIN  0x1000UL
#define STACK_SIZE_MAX  0x1000000UL
#define PAGE_SIZE       4096UL

// IPC buffer layout: mr[0..3] are staging slots for the CPU registers a2..a5,
// mr[4..119] are copied by the kernel when a message is longer than 4.
#define IPCBUF_MR_OFFSET 8 // word 0 is reserved (seL4's tag slot)

// SYS_CONSOLE_READ: at most this many bytes per call (the kernel's input
// buffer holds as many).
#define CONSOLE_READ_MAX 256
