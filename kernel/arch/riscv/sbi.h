// SPDX-License-Identifier: BSD-2-Clause
//
// The few SBI calls the kernel makes (SBI spec v1.0): console, timer, reset,
// hart state (SMP kernels).
#pragma once

#include <stdint.h>

void sbi_putchar(char c);
void sbi_set_timer(uint64_t when);
void sbi_shutdown(void);
// HSM: start hart `hart` at physical address `pa` (a0 = hart, a1 = opaque),
// and stop the calling hart. hart_start returns an SBI error (0: started).
long sbi_hart_start(unsigned long hart, uint64_t pa, uint64_t opaque);
void sbi_hart_stop(void);
// IPI: a supervisor software interrupt on the harts of hart_mask << base.
void sbi_send_ipi(unsigned long hart_mask, unsigned long base);
