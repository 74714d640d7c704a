// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's synchronous delay, on moat's per-PD alarm: callbacks of other
// events run while it waits, as they do in Tock.
#pragma once

#include <stdint.h>

#include "../../libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

returncode_t libtocksync_alarm_delay_ms(uint32_t ms);

#ifdef __cplusplus
}
#endif
