// SPDX-License-Identifier: BSD-2-Clause
//
// The PDs' console output, a line at a time (console.c).
#pragma once

#include "pd.h"

// A PD's console line buffer: the longest line written whole.
#define CONSOLE_LINE 127

// Characters pds[i] holds: lines[i] (console.c; tests read it).
struct console_line {
    uint8_t len;
    char c[CONSOLE_LINE];
};
extern struct console_line console_lines[MOAT_MAX_PDS];

// A character the PD printed: held until its line is complete.
void console_putc(struct pd *pd, char c);

// Write the PD's partial line as it is; and end it with a newline if `end`.
void console_write(struct pd *pd, bool end);

// The PD blocks in a wait: write its partial line, if any, as it is.
static inline void
console_wait(struct pd *pd)
{
    if (pd->events & PD_EV_LINE)
        console_write(pd, false);
}

// The PD stops printing (fault, stop, restart, reset): write its partial
// line, if any, and end it.
static inline void
console_end(struct pd *pd)
{
    if (pd->events & PD_EV_LINE)
        console_write(pd, true);
}

// The system halts: end every PD's partial line.
void console_end_all(void);
