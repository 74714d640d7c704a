// SPDX-License-Identifier: BSD-2-Clause
//
// Notifications and protected procedure calls, below the trust boundary:
// every argument was checked by syscall.c, so nothing here can fail.
#pragma once

#include "kernel.h"

struct pd;

// Set `bits` in `to`'s notification word; wake it if it waits.
void ntfn_signal(struct pd *to, word_t bits);

// `from` calls `to` on the channel `to` knows as `id`; the message is the
// tag and mr0..3 (longer messages continue in from's IPC buffer). `to` is
// not stopped. Makes `from` wait for the reply.
void ppc_call(struct pd *from, struct pd *to, word_t id, word_t tag, const word_t mr[4]);

// `pd` answers the call it serves (pd->caller != NULL).
void ppc_reply(struct pd *pd, word_t tag, const word_t mr[4]);

// `pd` waits for the next notification or call; returns at once if one is
// already there.
void ipc_wait(struct pd *pd);

// `pd` is stopped: every PD calling it or waiting for it gets E_DEAD.
void ppc_abort(struct pd *pd);
