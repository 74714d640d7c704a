// SPDX-License-Identifier: BSD-2-Clause
//
// The trust boundary: the arch trap path hands every system call of the
// current PD here, with its raw argument registers.
#pragma once

#include "kernel.h"

struct pd;

// Run system call `nr` for `current`; returns the PD to resume (NULL: none
// can run). Results are written to the PDs' saved registers.
struct pd *syscall(word_t a0, word_t a1, word_t a2, word_t a3, word_t a4, word_t a5, word_t nr);
