// SPDX-License-Identifier: BSD-2-Clause
//
// The record a runner shares with the supervisor.
#pragma once

#include <stdint.h>

struct unit {
    volatile uint32_t heartbeat; // the runner's, every millisecond
    volatile uint32_t verdict;   // the supervisor's: VERDICT | the heartbeat it read
    volatile uint32_t done;      // the runner saw its verdict
    char name[24];
};

#define VERDICT 0x80000000u
