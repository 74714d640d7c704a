// SPDX-License-Identifier: BSD-2-Clause
//
// What the PDs of the fuzz system share: the seed and the number of calls
// (-DFUZZ_SEED=.. -DFUZZ_CALLS=.. at build, as make fuzz-kernel does), the
// pages through which honest and hostile tell each other how they are
// doing, and the protocol between honest and server.
#pragma once

#include <stdint.h>

#ifndef FUZZ_SEED
#define FUZZ_SEED 1
#endif
#ifndef FUZZ_CALLS
#define FUZZ_CALLS 100000
#endif

// Written by honest, read (read-only) by hostile.
struct progress {
    volatile uint64_t trips;     // checked call round trips with server
    volatile uint64_t svc_trips; // checked service round trips (buffer in and back)
};

// Written by hostile, read (read-only) by honest, which prints the summary.
#define NERR 9 // E_OK, E_NOSYS .. E_STALE
struct results {
    volatile uint64_t seed, calls;   // what hostile was built with
    volatile uint64_t done;          // calls made so far
    volatile uint64_t by_err[NERR];  // calls by result: by_err[-err]
    volatile uint64_t events;        // waits that returned an event
    volatile uint64_t child_faults;  // of them: a fault of victim or callee
    volatile uint64_t failures;      // results the ABI does not allow
    volatile uint64_t bad_call, bad_nr, bad_ret; // the first of them
};

#define SVC_NAME       "fuzz.svc"
#define SVC_BYTES      64     // honest's shared buffer
#define LABEL_HONEST   0x7e57 // honest's calls to server
#define LABEL_ANSWER   0xa45  // server's answer to them
#define ANSWER(x)      ((x) * 3 + 1)
#define TICK           1000   // honest's alarm period in time ticks: 100 us
#define TRIPS_PER_TICK 10
#define PROGRESS_EVERY 1000   // honest prints its count this often
#define SVC_LATE       50     // ticks a service answer may take
#define STALL          (50 * TICK) // hostile fails the run if honest makes no round trip for 5 ms
#define VICTIM_ID      3      // hostile's children's ids
#define CALLEE_ID      4
