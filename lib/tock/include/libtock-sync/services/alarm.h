// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's synchronous alarm calls, on its virtual alarms: callbacks of
// other events run while they wait, as they do in Tock.
#pragma once

#include <stdint.h>

#include "../../libtock/peripherals/syscalls/alarm_syscalls.h"
#include "../../libtock/services/alarm.h"
#include "../../libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

// Yield until ms milliseconds have passed. Returns RETURNCODE_SUCCESS.
int libtocksync_alarm_delay_ms(uint32_t ms);

// yield_for(cond), for at most ms milliseconds: RETURNCODE_SUCCESS if cond
// became true, RETURNCODE_FAIL if the time ran out first.
int libtocksync_alarm_yield_for_with_timeout(bool *cond, uint32_t ms);

#ifdef __cplusplus
}
#endif
