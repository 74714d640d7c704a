// SPDX-License-Identifier: BSD-2-Clause
//
// Recording fakes for kernel/arch.h (see fake_arch.h). They do nothing a real
// CPU would do; they remember what the portable core asked for, so a test can
// check that the timer was armed, that a PD was stopped, or what was printed.
#include "fake_arch.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arch.h"
#include "pd.h"

struct fake_arch fake;

static jmp_buf *halt_catch;

void
fake_reset(void)
{
    memset(&fake, 0, sizeof(fake));
    halt_catch = NULL;
}

void
fake_phys(void *mem, paddr_t base, size_t size)
{
    fake.phys_mem = mem;
    fake.phys_base = base;
    fake.phys_size = size;
}

int
fake_catch_halt(void (*fn)(void *), void *arg)
{
    jmp_buf env;
    jmp_buf *volatile outer = halt_catch;

    if (setjmp(env)) {
        halt_catch = outer;
        return fake.halt_code;
    }
    halt_catch = &env;
    fn(arg);
    halt_catch = outer;
    return -1;
}

void
fake_user_page(const struct pd *pd, word_t va, paddr_t pa, bool write)
{
    assert_true(fake.nupages < ARRAY_SIZE(fake.upages));
    fake.upages[fake.nupages++] = (struct fake_page){pd, va, pa, write};
}

void
fake_window(const struct pd *pd, word_t va, paddr_t pa)
{
    for (unsigned k = 0; k < IPC_WINDOW_PAGES; k++) {
        assert_true(fake.nwindows < ARRAY_SIZE(fake.windows));
        fake.windows[fake.nwindows++] = (struct fake_page){pd, va + k * PAGE_SIZE, pa, false};
    }
}

static struct fake_page *
find_page(struct fake_page *pages, unsigned n, const struct pd *pd, word_t va)
{
    for (unsigned i = 0; i < n; i++) {
        if (pages[i].pd == pd && pages[i].va == (va & ~(PAGE_SIZE - 1)))
            return &pages[i];
    }
    return NULL;
}

paddr_t
arch_user_pa(const struct pd *pd, word_t va, bool write)
{
    const struct fake_page *p = find_page(fake.upages, fake.nupages, pd, va);

    if (!p) {
        p = find_page(fake.windows, fake.nwindows, pd, va);
        if (p && !p->write)
            p = NULL; // an unmapped window
    } else if (write && !p->write) {
        p = NULL;
    }
    return p ? p->pa + (va & (PAGE_SIZE - 1)) : 0;
}

paddr_t
arch_window_pa(const struct pd *pd, word_t va)
{
    const struct fake_page *p = find_page(fake.windows, fake.nwindows, pd, va);

    return p ? p->pa : 0;
}

void
arch_window_map(struct pd *pd, word_t va, bool on)
{
    struct fake_page *p = find_page(fake.windows, fake.nwindows, pd, va);

    assert_non_null(p);
    p->write = on;
    fake.window_maps++;
}

void
arch_window_set(struct pd *pd, word_t va, paddr_t pa, bool on)
{
    struct fake_page *p = find_page(fake.windows, fake.nwindows, pd, va);

    assert_non_null(p);
    assert_true(pa && !(pa & (PAGE_SIZE - 1)));
    p->pa = pa;
    p->write = on;
    fake.window_maps++;
}

const struct image_hdr *
arch_init(void)
{
    return fake.image;
}

void
arch_pd_init(struct pd *pd, uint64_t root_pa, uint64_t entry, uint64_t sp)
{
    fake.pd_inits++;
    pd->arch.satp = root_pa;
    arch_pc(pd) = entry;
    arch_sp(pd) = sp;
}

void
arch_pd_regs(struct pd *pd, uint64_t entry, uint64_t sp)
{
    fake.pd_regs++;
    memset(&pd->arch.regs, 0, sizeof(pd->arch.regs));
    memset(pd->arch.fregs, 0, sizeof(pd->arch.fregs));
    pd->arch.fcsr = 0;
    arch_pc(pd) = entry;
    arch_sp(pd) = sp;
}

void *
arch_phys(paddr_t pa)
{
    if (!fake.phys_mem || pa < fake.phys_base || pa - fake.phys_base >= fake.phys_size)
        fail_msg("arch_phys(%#lx) outside the test's memory", (unsigned long)pa);
    return fake.phys_mem + (pa - fake.phys_base);
}

struct regs *
arch_switch(struct pd *next)
{
    fake.switches++;
    fake.switch_next = next;
    return &next->arch.regs;
}

// Unlike the real one it neither idles nor switches when next is NULL or
// unchanged: it records the choice and hands back the registers (or NULL).
struct regs *
arch_resume(struct pd *next)
{
    fake.resumes++;
    fake.resume_next = next;
    return next ? &next->arch.regs : NULL;
}

void
arch_pd_stopped(struct pd *pd)
{
    fake.stopped++;
    fake.stopped_pd = pd;
}

void
arch_timer_arm(uint64_t ticks)
{
    fake.timer_arms++;
    fake.timer_armed = true;
    fake.timer_ticks = ticks;
    fake.timer_deadline = fake.now + ticks;
}

void
arch_timer_disarm(void)
{
    fake.timer_disarms++;
    fake.timer_armed = false;
}

void
arch_irq_enable(unsigned source, bool edge, unsigned cpu)
{
    (void)cpu; // one core
    fake.irq_enabled[source / 64] |= 1ULL << (source % 64);
    if (edge)
        fake.irq_edge[source / 64] |= 1ULL << (source % 64);
}

unsigned
arch_irq_claim(void)
{
    for (unsigned s = 1; s < 128; s++) {
        if (fake.irq_pending[s / 64] >> (s % 64) & 1) {
            fake.irq_pending[s / 64] &= ~(1ULL << (s % 64));
            fake.irq_in_service[s / 64] |= 1ULL << (s % 64);
            fake.irq_claims++;
            return s;
        }
    }
    fake.irq_claims++;
    return 0;
}

void
arch_irq_ack(unsigned source)
{
    fake.irq_acks++;
    fake.irq_acked = source;
    if (source < 128)
        fake.irq_in_service[source / 64] &= ~(1ULL << (source % 64));
}

bool
arch_irq_in_service(unsigned source)
{
    return fake.irq_in_service[source / 64] >> (source % 64) & 1;
}

uint64_t
arch_time(void)
{
    return fake.now;
}

// Every reading one more, so that events recorded in turn have increasing times.
uint64_t
arch_instret(void)
{
    return ++fake.instret;
}

uint64_t
arch_timer_hz(void)
{
    return FAKE_TIMER_HZ;
}

void
arch_putc(char c)
{
    if (fake.console_len < FAKE_CONSOLE_SZ - 1)
        fake.console[fake.console_len++] = c;
}

void
arch_console_input_boot(void)
{
    fake.console_input_boots++;
}

void
arch_console_rx(void)
{
}

bool
arch_idle(void)
{
    fake.idles++;
    return fake.timer_armed;
}

_Noreturn void
arch_halt(int code)
{
    fake.halts++;
    fake.halt_code = code;
    if (halt_catch)
        longjmp(*halt_catch, 1);
    fail_msg("unexpected arch_halt(%d); console:\n%s", code, fake.console);
    abort(); // fail_msg leaves the test; this keeps _Noreturn honest
}

void
arch_pd_dump(const struct pd *pd)
{
    kdbg("Registers: (pd %s)\n", pd->name); // as arch/riscv's, debug kernels only
}
