// SPDX-License-Identifier: BSD-2-Clause
//
// The kernel's one lock: the console's, on an SMP kernel (MOAT_NCPUS > 1),
// so that the cores' lines (the kernel's messages, the PDs' output, the
// console input ring) never interleave within a line. Nothing on an IPC
// path takes it: a core only ever changes its own PDs and its own
// scheduler (cpu.h). It is a test-and-set lock that remembers its holder,
// so that a panic while a line is being written on the same core still
// prints. On a one-core kernel it compiles to nothing.
#pragma once

#include "cpu.h"

#if MOAT_NCPUS > 1
extern int console_lock_holder; // the holding core + 1, or 0

// Returns whether it took the lock (false: this core already holds it).
static inline bool
console_lock(void)
{
    int me = (int)this_cpu()->index + 1;

    if (__atomic_load_n(&console_lock_holder, __ATOMIC_RELAXED) == me)
        return false;
    int free = 0;
    while (!__atomic_compare_exchange_n(&console_lock_holder, &free, me, false, __ATOMIC_ACQUIRE,
                                        __ATOMIC_RELAXED))
        free = 0;
    return true;
}

static inline void
console_unlock(bool taken)
{
    if (taken)
        __atomic_store_n(&console_lock_holder, 0, __ATOMIC_RELEASE);
}
#else
static inline bool
console_lock(void)
{
    return false;
}

static inline void
console_unlock(bool taken)
{
    (void)taken;
}
#endif
