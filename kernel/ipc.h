// SPDX-License-Identifier: BSD-2-Clause
//
// Notifications and protected procedure calls, below the trust boundary:
// every argument was checked by syscall.c, so nothing here can fail.
#pragma once

#include "kernel.h"
#include "pd.h"

// Write a message into `to`'s result registers: a0 = first (E_OK, or the
// channel id while a call is queued), a1 = tag, a2..a5 = mr0..3.
static inline void
ipc_set_regs(struct pd *to, word_t first, word_t tag, word_t mr0, word_t mr1, word_t mr2,
             word_t mr3)
{
    arch_result(to, 0) = first;
    arch_result(to, 1) = tag;
    arch_result(to, 2) = mr0;
    arch_result(to, 3) = mr1;
    arch_result(to, 4) = mr2;
    arch_result(to, 5) = mr3;
}

// Copy message registers 4..len-1 (those beyond the CPU registers) from one
// PD's IPC buffer to another's. len <= MOAT_MSG_MAX, checked by the caller.
static inline void
ipc_copy_mrs(struct pd *to, const struct pd *from, word_t len)
{
    word_t *d = to->ipcbuf + IPCBUF_MR_OFFSET / sizeof(word_t);
    const word_t *s = from->ipcbuf + IPCBUF_MR_OFFSET / sizeof(word_t);

    for (word_t i = MOAT_MSG_REGS; i < len; i++)
        d[i] = s[i];
}

// Set `bits` in `to`'s notification word; wake it if it waits.
// SMP kernels: take the notifications other cores sent this core's PDs
// (on the interrupt they raise, and before the core counts itself quiet).
void ipc_remote_take(void);

// SMP kernels: tell the core of `to` (another core's PD) that it has bits
// in remote_pending, a wake-up (xwake) or a control request for it.
void ipc_remote_post(struct pd *to);

// SMP kernels: console input for `to`, a PD of another core that asked to
// be told: carried with its notification bits, as the bit no channel has.
#define REMOTE_INPUT (1UL << 63)
void ipc_remote_input(struct pd *to);

// SMP kernels, the running core about to wait with no wake-up source of its
// own: -1 if notifications from other cores were there (now taken: go on),
// 1 if every core is now quiet (halt), 0 to wait; and once it woke.
int ipc_idle_quiet(void);
void ipc_idle_awake(void);
// The core `cpu` is quiet no more (it has a wake-up source it did not see).
void ipc_unquiet(unsigned cpu);

void ntfn_signal(struct pd *to, word_t bits);

// `from` calls `to` on the channel `to` knows as `id`; the message is the
// tag and mr0..3 (longer messages continue in from's IPC buffer). `to` is
// not stopped. Makes `from` wait for the reply.
void ppc_call(struct pd *from, struct pd *to, word_t id, word_t tag, const word_t mr[4]);

// `pd` answers the call or fault it serves (pd->caller != NULL), or one
// whose caller was cancelled (pd->reply_lost): then the reply goes nowhere.
// A faulted child resumes where it faulted.
void ppc_reply(struct pd *pd, word_t tag, const word_t mr[4]);

// `pd` waits for the next notification or call; returns at once if one is
// already there.
void ipc_wait(struct pd *pd);

// As ipc_wait, but `pd` never blocks (SYS_POLL): with nothing there it
// returns at once with badge 0.
void ipc_poll(struct pd *pd);

// `pd` can no longer answer: every PD calling it gets E_DEAD, and every
// child whose fault waits for it stays stopped.
void ppc_abort(struct pd *pd);

// `child` faulted: queue its fault (in child->fault) for `parent`, or hand
// it over at once if the parent waits. The child is PD_FAULTED until then.
void ppc_fault(struct pd *child, struct pd *parent);

// `pd` (PD_CALL or PD_FAULTED) gives up its call or fault: it leaves the
// queue of the PD it waits for, or that PD's reply will go nowhere.
void ppc_withdraw(struct pd *pd);

// A stopped PD that was waiting (`wait`: PD_RECV or PD_WAIT) waits so again:
// it takes a pending notification at once, or in PD_RECV a queued call,
// fault or event, as SYS_RECV would; or it goes back to `wait`.
void ipc_rewait(struct pd *pd, uint8_t wait);

// `pd` waits for a notification only (SYS_WAIT): it takes the pending
// ones at once if there are any, or (poll) returns with none; else it
// waits in PD_WAIT, where calls, faults and kernel events queue. The badge
// goes in a6.
void ntfn_wait(struct pd *pd, bool poll);

// `pd` declines to answer the fault it received: the child stays faulted.
void ipc_drop_fault(struct pd *pd);
