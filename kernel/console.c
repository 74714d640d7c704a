// SPDX-License-Identifier: BSD-2-Clause
//
// The PDs' console output (SYS_DEBUG_PUTC), a line at a time. Each PD's
// characters wait in its own line buffer until a newline or a full buffer
// writes them, so that lines of PDs that preempt one another, and the
// kernel's own messages, never interleave within a line. A partial line is
// written, as it is, when its PD waits (a prompt before reading input); and,
// ended with a newline, when the PD faults, is stopped, restarted or reset,
// or the system halts. While a line is held, pd->events has PD_EV_LINE, so
// that the fast path's one test of that byte sends a wait to the general
// path, which writes it (fastpath.c).
#include "console.h"

#include "arch.h"

static void
write_line(struct pd *pd)
{
    for (unsigned i = 0; i < pd->line_len; i++)
        arch_putc(pd->line[i]);
    pd->line_len = 0;
    pd->events &= (uint8_t)~PD_EV_LINE;
}

void
console_putc(struct pd *pd, char c)
{
    pd->line[pd->line_len++] = c;
    pd->events |= PD_EV_LINE;
    if (c == '\n' || pd->line_len == sizeof pd->line)
        write_line(pd);
}

void
console_wait(struct pd *pd)
{
    if (pd->line_len)
        write_line(pd);
}

void
console_end(struct pd *pd)
{
    if (!pd->line_len)
        return;
    write_line(pd);
    arch_putc('\n');
}

void
console_end_all(void)
{
    for (unsigned i = 0; i < npds; i++)
        console_end(&pds[i]);
}
