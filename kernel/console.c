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
#include "cpu.h"
#include "ipc.h"
#include "lock.h"
#include "sched.h"

struct console_line console_lines[MOAT_MAX_PDS];

static void
write_line(struct pd *pd, struct console_line *l)
{
    bool locked = console_lock();

    for (unsigned i = 0; i < l->len; i++)
        arch_putc(l->c[i]);
    console_unlock(locked);
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
    bool locked = console_lock();

    write_line(pd, &console_lines[pd->index]);
    if (end)
        arch_putc('\n');
    console_unlock(locked);
}

void
console_end_all(void)
{
    for (unsigned i = 0; i < npds; i++)
        console_end(&pds[i]);
}

// --- input ---------------------------------------------------------------------

bool console_input;
uint64_t console_readers;

static char in_buf[CONSOLE_READ_MAX];
static unsigned in_head, in_len; // the oldest byte, and how many wait

void
console_input_boot(bool on)
{
    console_input = on;
    console_readers = 0;
    in_head = in_len = 0;
    if (on)
        arch_console_input_boot();
}

// On an SMP kernel the UART's interrupt goes to core 0, which tells the
// readers of other cores as it notifies them (REMOTE_INPUT, ipc.c); the
// ring and the set of readers are changed under the console lock, so a
// reader either finds the byte or is in the set when it arrives. An SMP
// kernel's core 0, if it is not the boot core, takes the UART's interrupt
// as it starts (OpenSBI's start of the hart cleared it).
void
console_input_start(void)
{
    if (console_input && this_cpu()->index == 0)
        arch_console_input_boot();
}

void
console_rx(char c)
{
    bool locked = console_lock();

    if (in_len == CONSOLE_READ_MAX) {
        console_unlock(locked);
        return; // nobody reads: the oldest input is kept, the newest dropped
    }
    in_buf[(in_head + in_len++) % CONSOLE_READ_MAX] = c;
    uint64_t readers = __atomic_exchange_n(&console_readers, 0, __ATOMIC_RELAXED);
    console_unlock(locked);
    for (unsigned i = 0; readers >> i; i++) {
        if (readers >> i & 1)
            console_input_event(&pds[i]);
    }
}

void
console_input_event(struct pd *pd)
{
#if MOAT_NCPUS > 1
    if (cpu_of(pd) != this_cpu()) {
        ipc_remote_input(pd); // its own core does this
        return;
    }
#endif
    pd->events |= PD_EV_INPUT;
    if (pd->state == PD_RECV && console_take(pd)) {
        pd->state = PD_RUNNABLE;
        sched_ready(pd);
    }
}

unsigned
console_read(struct pd *pd, char *to, unsigned n, bool tell)
{
    bool locked = console_lock();
    unsigned got = n < in_len ? n : in_len;

    for (unsigned i = 0; i < got; i++)
        to[i] = in_buf[(in_head + i) % CONSOLE_READ_MAX];
    in_head = (in_head + got) % CONSOLE_READ_MAX;
    in_len -= got;
    if (!got && tell)
        __atomic_or_fetch(&console_readers, 1UL << pd->index, __ATOMIC_SEQ_CST);
    console_unlock(locked);
#if MOAT_NCPUS > 1
    if (!got && tell && this_cpu()->index != 0)
        ipc_unquiet(0); // core 0, which takes the input, may be idle and counted quiet
#endif
    return got;
}

bool
console_take(struct pd *pd)
{
    if (!(pd->events & PD_EV_INPUT))
        return false;
    pd->events &= (uint8_t)~PD_EV_INPUT;
    ipc_set_regs(pd, E_OK, 0, 0, 0, 0, 0);
    arch_result(pd, 6) = BADGE_EVENT | EVENT_CONSOLE;
    return true;
}

void
console_renew(struct pd *pd)
{
    __atomic_and_fetch(&console_readers, ~(1UL << pd->index), __ATOMIC_RELAXED);
    pd->events &= (uint8_t)~PD_EV_INPUT;
}
