// SPDX-License-Identifier: BSD-2-Clause
//
// What `other` tells `app` (the region `progress`, mapped into both).
#pragma once

#include <stdint.h>

#define OTHER_BYTES 4096

struct progress {
    volatile uint32_t asked;    // other's request is made
    volatile uint32_t done;     // its upcall has come
    volatile uint32_t received; // with this many bytes
    volatile uint32_t nonzero;  // of which so many are not 0
};
