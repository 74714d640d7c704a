// SPDX-License-Identifier: BSD-2-Clause
//
// The PDs' console output, a line at a time (console.c).
#pragma once

#include "pd.h"

// A character the PD printed: held until its line is complete.
void console_putc(struct pd *pd, char c);

// The PD waits: write its partial line, if any, as it is.
void console_wait(struct pd *pd);

// The PD stops printing (fault, stop, restart, reset): write its partial
// line, if any, and end it.
void console_end(struct pd *pd);

// The system halts: end every PD's partial line.
void console_end_all(void);
