// SPDX-License-Identifier: BSD-2-Clause
//
// The few SBI calls the kernel makes (SBI spec v1.0): console, timer, reset.
#pragma once

#include <stdint.h>

void sbi_putchar(char c);
void sbi_set_timer(uint64_t when);
void sbi_shutdown(void);
