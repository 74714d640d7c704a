// SPDX-License-Identifier: BSD-2-Clause
//
// Where seL4_BenchmarkGetThreadUtilisation puts each figure in the IPC
// buffer's msg[], with libsel4's names and order (BENCH_NWORDS of them).
#pragma once

#include "sel4/config.h"

#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
enum benchmark_track_util_ipc_index {
    BENCHMARK_TCB_UTILISATION,            // cycles the thread was scheduled
    BENCHMARK_TCB_NUMBER_SCHEDULES,       // times it was switched to
    BENCHMARK_TCB_KERNEL_UTILISATION,     // cycles in the kernel before returning to it
    BENCHMARK_TCB_NUMBER_KERNEL_ENTRIES,  // kernel entries that returned to it
    BENCHMARK_IDLE_LOCALCPU_UTILISATION,  // the same for the idle loop
    BENCHMARK_IDLE_TCBCPU_UTILISATION,    // (one core: the same figure)
    BENCHMARK_IDLE_NUMBER_SCHEDULES,
    BENCHMARK_IDLE_KERNEL_UTILISATION,
    BENCHMARK_IDLE_NUMBER_KERNEL_ENTRIES,
    BENCHMARK_TOTAL_UTILISATION,          // cycles from ResetLog to FinalizeLog
    BENCHMARK_TOTAL_NUMBER_SCHEDULES,     // switches in that time
    BENCHMARK_TOTAL_KERNEL_UTILISATION,   // cycles in the kernel in that time
    BENCHMARK_TOTAL_NUMBER_KERNEL_ENTRIES,
};
#endif
