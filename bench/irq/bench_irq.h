// SPDX-License-Identifier: BSD-2-Clause
//
// Shared by driver.c and trigger.c: the 16550's interrupt enable register,
// the sample count, and bench/ipc's counter and report (bench.h). The stamp
// page holds one word: the trigger's counter just before it raised the
// interrupt.
#pragma once

#include <microkit.h>

#include "../ipc/bench.h"

#define IER      1
#define IER_THRE 0x02 // transmit holding register empty: asserted at once, nothing being sent
#define SAMPLES  16
