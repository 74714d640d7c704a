// SPDX-License-Identifier: BSD-2-Clause
//
// The kernel configuration, as libsel4's sel4/config.h gives it: the
// CONFIG_* macros of the SDK's include/kernel/gen_config.h (one per
// configuration, written by lib/gen_config.sh). moat has no libsel4
// configuration, so there is no sel4/gen_config.h.
#pragma once

#include <kernel/gen_config.h>
