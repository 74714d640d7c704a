// SPDX-License-Identifier: BSD-2-Clause
//
// The IPC fast path: the common cases of call, reply-and-wait and notify,
// and of a Tock-style service's notify and wait (fastpath_svc.c), done in a
// few dozen instructions. Called from the arch trap path with the
// system call's argument registers; each returns the registers to restore.
// When a precondition does not hold it runs the general path (syscall.c),
// which is the reference, and nothing differs but the instruction count.
#pragma once

#include "kernel.h"

struct pd;

// Debug kernels count, per fast path, the calls it took to the end and
// those it handed to the general path (a precondition failed), so that
// tests can assert the fast paths run (SYS_DEBUG_DUMP prints them; the unit
// tests read them). Release and benchmark kernels count nothing.
enum { FP_CALL, FP_REPLY_RECV, FP_NOTIFY, FP_IPC, FP_RECV, FP_IRQ, FP_IRQ_ACK, FP_KINDS };
#if defined(MOAT_DEBUG) && !defined(MOAT_NO_FASTPATH)
#define MOAT_FASTPATH_STATS 1
struct fastpath_stats {
    uint64_t taken[FP_KINDS], general[FP_KINDS];
};
extern struct fastpath_stats fastpath_stats;
#define FASTPATH_COUNT(what, kind) (fastpath_stats.what[kind]++)
#else
#define FASTPATH_COUNT(what, kind) ((void)0)
#endif

struct regs *fastpath_call(word_t ch, word_t tag, word_t mr0, word_t mr1, word_t mr2, word_t mr3);
struct regs *fastpath_reply_recv(word_t action, word_t tag, word_t mr0, word_t mr1, word_t mr2,
                                 word_t mr3);
struct regs *fastpath_notify(word_t ch);
// SYS_IPC's notifications (IPC_NOTIFY_SERVICE, IPC_NOTIFY_CLIENT) and SYS_RECV
// (fastpath_svc.c); the other operations go to the general path.
struct regs *fastpath_ipc(word_t op, word_t id, word_t a2, word_t a3, word_t a4, word_t a5);
struct regs *fastpath_recv(word_t action);

// The device interrupt's fast path (fastpath_irq.c): trap.S sends an
// S-mode external interrupt from a PD here, all 31 of its registers saved;
// and SYS_IRQ_ACK's.
struct regs *fastpath_irq(void);
struct regs *fastpath_irq_ack(word_t ch);
