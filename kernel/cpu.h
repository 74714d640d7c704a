// SPDX-License-Identifier: BSD-2-Clause
//
// Per-core kernel state. Every PD belongs to one core (its `cpu`, from the
// description) and only that core runs it, schedules it and changes its
// scheduling state; each core has its own run queue, running PD, scheduling
// context, time slice, timer deadline and FPU owner, here. On a one-core
// kernel (MOAT_NCPUS 1, every configuration but smp-*) `this_cpu()` is the
// constant &cpus[0], so every access compiles to what a global's would.
// On an SMP kernel the kernel keeps the running core's `struct cpu *` in tp
// (trap entry loads it from the PD it came from, pd->arch.cpu).
#pragma once

#include "kernel.h"

#ifndef MOAT_NCPUS
#define MOAT_NCPUS 1
#endif

// Run queues, one per distinct priority of the system: a system has at most
// MOAT_MAX_PDS PDs, so the map of non-empty ones is one word.
#define NRANKS 64
_Static_assert(MOAT_MAX_PDS <= NRANKS, "a run queue per PD's priority");

struct pd;
struct sc;
struct trace_ring;

struct cpu {
    void *kstack_top; // first (trap.S loads it from tp): this core's kernel stack
    uint64_t entered; // second (trap.S writes it, CPU_ENTERED): the benchmark
                      // kernel's cycle count at the kernel entry (bench.h)
#if MOAT_NCPUS > 1
    struct trace_ring *trace; // its IPC timeline (trace.h; NULL if the kernel keeps none),
                              // on a line no other core writes
#endif
    // The scheduler's (sched.h and sched.c name each through a macro).
    struct pd *cur;           // current
    struct sc *running_sc;    // sc_running
    uint8_t running_full;     // sc_running_full
    bool tick_armed;          // sched_tick_armed
    uint64_t map;             // sched_map
    uint64_t stretch_start;   // sc_start
    uint64_t next_release;    // release_next
    struct pd *slice_holder;  // slice_pd
    uint64_t slice_until;     // slice_end
    uint64_t timer_deadline;  // timer_at
    uint64_t next_alarm;      // alarm_next (alarm.h)
    // The architecture's (context.c). fpu_pd before the run queues' arrays,
    // within a load's reach of the start (the fast paths' switch reads it).
    struct pd *fpu_pd; // fpu_owner: the PD whose registers the FPU holds
    struct runq {
        struct pd *head, *tail;
    } q[NRANKS]; // sched_q
    // The architecture's (context.c).
    bool timer_set;    // timer_on: the hardware timer is armed
    unsigned nirqs;    // device interrupts its PDs own (irq.c)
    // SMP: notifications from other cores (ipc.c). Bit i: pds[i], one of
    // this core's, has bits in pds[i].remote_pending. Written by any core
    // (atomically), taken by this one.
    uint64_t remote;
    int quiet;         // 1 while idle with nothing of its own to wake it, and
                       // counted among the quiet cores (ipc.c)
    int idle_lock;     // guards quiet, and the test of remote before it is set
    unsigned index;    // its place in cpus[]: the hart it runs on
    bool locking;      // it owns an xcore PD: its general paths take the kernel
                       // lock (lock.h)
};

extern struct cpu cpus[MOAT_NCPUS];

#define CPU_ENTERED 8 // offsetof(struct cpu, entered), for trap.S
_Static_assert(CPU_ENTERED == __builtin_offsetof(struct cpu, entered), "trap.S BENCH_ENTERED");

// The cores the system runs on (image_hdr.ncpus, at most MOAT_NCPUS).
extern unsigned ncpus;


#if MOAT_NCPUS == 1
#define this_cpu() (&cpus[0])
#define cpu_of(pd) ((void)(pd), &cpus[0])
#elif defined(MOAT_HOST_SMP)
// The host's SMP build (tests/unit/test_smp.c, under ThreadSanitizer): a
// thread is a core.
extern _Thread_local struct cpu *host_cpu;
#define this_cpu() host_cpu
#define cpu_of(pd) (&cpus[(pd)->cpu])
#else
static inline __attribute__((always_inline)) struct cpu *
this_cpu(void)
{
    struct cpu *c;

    __asm__("mv %0, tp" : "=r"(c));
    return c;
}
#define cpu_of(pd) (&cpus[(pd)->cpu])
#endif
