// SPDX-License-Identifier: BSD-2-Clause
//
// The PDs' console output (SYS_DEBUG_PUTC), a line at a time. Each PD's
// characters wait in its own line buffer until a newline or a full buffer
// writes them, so that lines of PDs that preempt one another, and the
// kernel's own messages, never interleave within a line. A partial line is
// written, as it is, when its PD blocks in a wait (a prompt before reading
// input; a wait that returns at once leaves the line to be finished); and,
// ended with a newline, when the PD faults, is stopped, restarted or reset,
// or the system halts. While a line is held, pd->events has PD_EV_LINE, so
// that the fast path's one test of that byte sends a wait to the general
// path, which writes it (fastpath.c). The buffers are apart from struct pd,
// which the IPC paths index, so that they leave its size alone.
#include "console.h"

#include "arch.h"

struct console_line console_lines[MOAT_MAX_PDS];

static void
write_line(struct pd *pd, struct console_line *l)
{
    for (unsigned i = 0; i < l->len; i++)
        arch_putc(l->c[i]);
    l->len = 0;
    pd->events &= (uint8_t)~PD_EV_LINE;
}

void
console_putc(struct pd *pd, char c)
{
    struct console_line *l = &console_lines[pd->index];

    l->c[l->len++] = c;
    pd->events |= PD_EV_LINE;
    if (c == '\n' || l->len == CONSOLE_LINE)
        write_line(pd, l);
}

void
console_write(struct pd *pd, bool end)
{
    write_line(pd, &console_lines[pd->index]);
    if (end)
        arch_putc('\n');
}

void
console_end_all(void)
{
    for (unsigned i = 0; i < npds; i++)
        console_end(&pds[i]);
}
