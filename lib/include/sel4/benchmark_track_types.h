// SPDX-License-Identifier: BSD-2-Clause
//
// libsel4's kernel-entry tracking types. They exist upstream only with
// CONFIG_BENCHMARK_TRACK_KERNEL_ENTRIES or CONFIG_DEBUG_BUILD; moat has no
// kernel-entry log, so the header declares nothing, as upstream's does in
// Microkit's benchmark configuration. It exists so that benchmark PDs that
// include it (sDDF's) compile.
#pragma once

#include <stdint.h>

#include "sel4/config.h"
