// SPDX-License-Identifier: BSD-2-Clause
//
// The SMP kernel's locks (MOAT_NCPUS > 1; a one-core kernel has none).
// The console's, so that the cores' lines (the kernel's messages, the PDs'
// output, the console input ring) never interleave within a line: a
// test-and-set lock that remembers its holder, so that a panic while a line
// is being written on the same core still prints. And each core's idle
// lock, taken only by a notification from another core and by the core
// going idle or waking (docs/design.md, "Multicore"). Nothing within one
// core's IPC takes either: a core only ever changes its own PDs and its
// own scheduler (cpu.h). And the kernel lock, at the end, for systems with
// calls or control between cores.
#pragma once

#include "cpu.h"

#if MOAT_NCPUS > 1
// A plain test-and-set lock (each core's idle lock, ipc.c and context.c).
static inline void
spin_lock(int *l)
{
    while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE))
        while (__atomic_load_n(l, __ATOMIC_RELAXED))
            ;
}

static inline void
spin_unlock(int *l)
{
    __atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

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

// The kernel lock of an SMP kernel whose system has calls or control
// between cores (kernel_locking, set at boot when a PD is xcore): every
// general path of a core that owns an xcore PD (cpu.locking) holds it from
// trap entry to the return to user space (not while the core idles). The
// fast paths never take it: they run only between PDs that are not xcore,
// which no other core ever changes; nor do the cores that own none, whose
// paths never change another core's PD but by a notification's atomic
// bits. With no xcore PD there is no lock at all (design.md, "Multicore").
#if MOAT_NCPUS > 1
extern bool kernel_locking;
extern int kernel_lock_word;

static inline void
kernel_lock(void)
{
    if (this_cpu()->locking)
        spin_lock(&kernel_lock_word);
}

static inline void
kernel_unlock(void)
{
    if (this_cpu()->locking)
        spin_unlock(&kernel_lock_word);
}
#else
static inline void
kernel_lock(void)
{
}

static inline void
kernel_unlock(void)
{
}
#endif
