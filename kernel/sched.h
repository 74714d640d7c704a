// SPDX-License-Identifier: BSD-2-Clause
//
// Fixed-priority preemptive scheduling, 0..254, round robin among equals on a
// timer tick. The running PD (`current`) is never in the run queue.
#pragma once

#include "kernel.h"

struct pd;

extern struct pd *current;

void sched_init(void);
// A PD became runnable: queue it behind its equals (or in front, if it was
// running or is resuming from a call and so keeps its turn).
void sched_ready(struct pd *pd);
void sched_ready_front(struct pd *pd);
// The highest priority in the run queue, or -1 if it is empty.
int sched_top(void);
// Decide who runs next after a kernel entry; NULL when nobody can run.
struct pd *sched_choose(void);
// Timer interrupt: rotate current behind its equals.
void sched_tick(void);
