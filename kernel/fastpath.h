// SPDX-License-Identifier: BSD-2-Clause
//
// The IPC fast path: the common cases of call, reply-and-wait and notify,
// done in a few dozen instructions. Called from the arch trap path with the
// system call's argument registers; each returns the registers to restore.
// When a precondition does not hold it runs the general path (syscall.c),
// which is the reference, and nothing differs but the instruction count.
#pragma once

#include "kernel.h"

struct pd;

struct regs *fastpath_call(word_t ch, word_t tag, word_t mr0, word_t mr1, word_t mr2, word_t mr3);
struct regs *fastpath_reply_recv(word_t action, word_t tag, word_t mr0, word_t mr1, word_t mr2,
                                 word_t mr3);
struct regs *fastpath_notify(word_t ch);
