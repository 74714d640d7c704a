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

// Console input (SYS_CONSOLE_READ). The kernel owns the UART's input when
// the image says so (IMAGE_F_CONSOLE_INPUT): the bytes that arrive wait in
// one buffer of CONSOLE_READ_MAX for whichever PD reads first; a byte that
// finds the buffer full is dropped.
extern bool console_input;   // the kernel reads the UART
extern uint64_t console_readers; // bit i: pds[i] asked to be told of input

// Boot: take the UART's input if `on`.
void console_input_boot(bool on);
// The same on a core other than the boot one as it starts (SMP): core 0
// takes the UART's interrupt.
void console_input_start(void);

// A byte arrived on the UART (the interrupt handler).
void console_rx(char c);

// Copy up to n (1..CONSOLE_READ_MAX) waiting bytes to `to`; returns how
// many. With none waiting and `tell`, the PD gets EVENT_CONSOLE when some
// arrive.
unsigned console_read(struct pd *pd, char *to, unsigned n, bool tell);

// Deliver EVENT_CONSOLE to `pd` if it is due (a wait takes it).
bool console_take(struct pd *pd);

// Input arrived for `pd`, which asked to be told: the event, and a wake-up
// if it waits (on an SMP kernel, by its own core).
void console_input_event(struct pd *pd);

// A new incarnation of `pd` asked nothing.
void console_renew(struct pd *pd);
