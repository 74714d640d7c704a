// SPDX-License-Identifier: BSD-2-Clause
//
// Shared by driver.c and trigger.c: the 16550's interrupt enable, the
// counter, and the stamp page: [0] the trigger's counter just before it
// raised the interrupt.
#pragma once

#include <microkit.h>
#include <moat.h>

#define IER      1
#define IER_THRE 0x02 // transmit holding register empty: asserted at once, nothing being sent
#define SAMPLES  16

static inline seL4_Word
instret(void)
{
    seL4_Word v;

    __asm__ volatile("rdinstret %0" : "=r"(v));
    return v;
}
