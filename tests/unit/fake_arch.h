// SPDX-License-Identifier: BSD-2-Clause
//
// Recording fakes for every function of kernel/arch.h, for the host unit
// tests. Each fake writes what it was asked into `fake`, where a test reads
// it back: the console text, the timer's armed state, the last address-space
// switch, the stopped PD, the halt code. arch_phys maps "physical" addresses
// into a host buffer the test supplies. arch_halt (and so panic) either
// longjmps back to fake_catch_halt or, when no test expects it, fails the
// running test.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

struct pd;
struct image_hdr;

#define FAKE_TIMER_HZ   10000000 // as QEMU virt's timebase
#define FAKE_CONSOLE_SZ 8192

struct fake_arch {
    char console[FAKE_CONSOLE_SZ]; // everything arch_putc wrote, NUL-terminated
    size_t console_len;

    unsigned halts; // arch_halt calls and the last code
    int halt_code;

    uint64_t now;     // what arch_time returns (tests move it)
    uint64_t instret; // what arch_instret last returned
    bool timer_armed; // arch_timer_arm since the last disarm
    uint64_t timer_ticks;
    uint64_t timer_deadline; // `now` at the last arm plus its ticks
    unsigned timer_arms, timer_disarms;

    unsigned switches; // arch_switch calls (the fast path's switches) and the last PD
    struct pd *switch_next;
    unsigned fast_saves; // arch_fast_save calls: a fast path handed over to the general one
    unsigned resumes;  // arch_resume calls and the last PD (NULL: none can run)
    struct pd *resume_next;

    unsigned pd_inits;  // arch_pd_init calls
    unsigned pd_regs;   // arch_pd_regs calls
    unsigned stopped;   // arch_pd_stopped calls and the last PD
    struct pd *stopped_pd;
    unsigned console_input_boots;
    unsigned idles;     // arch_idle calls

    uint64_t irq_enabled[2]; // arch_irq_enable: bit per source, and edge-triggered ones
    uint64_t irq_edge[2];
    unsigned irq_acks;       // arch_irq_ack calls and the last source
    unsigned irq_acked;
    uint64_t irq_in_service[2]; // arch_irq_in_service: bit per source
    uint64_t irq_pending[2];    // arch_irq_claim takes the lowest (and puts it in service)
    unsigned irq_claims;        // arch_irq_claim calls

    const struct image_hdr *image; // what arch_init returns

    // User memory and service windows (arch_user_pa, arch_window_*): pages
    // a test declares with fake_user_page / fake_window.
    struct fake_page {
        const struct pd *pd;
        word_t va;   // page-aligned
        paddr_t pa;
        bool write;  // user pages: writable; windows: currently mapped
    } upages[16], windows[48];
    unsigned nupages, nwindows;
    unsigned window_maps; // arch_window_map and arch_window_set calls

    unsigned char *phys_mem; // arch_phys(phys_base + i) is &phys_mem[i]
    paddr_t phys_base;
    size_t phys_size;
};

extern struct fake_arch fake;

// Forget every recording; the physical-memory window is removed too.
void fake_reset(void);

// Let arch_phys map [base, base + size) onto mem.
void fake_phys(void *mem, paddr_t base, size_t size);

// Declare a user page of pd (readable; writable if `write`) or a window page.
void fake_user_page(const struct pd *pd, word_t va, paddr_t pa, bool write);
// A window (svc.c) is IPC_WINDOW_PAGES pages from va, all on frame pa.
void fake_window(const struct pd *pd, word_t va, paddr_t pa);

// Run fn(arg). Returns the code passed to arch_halt if it halted (a panic
// halts with 100), or -1 if fn returned.
int fake_catch_halt(void (*fn)(void *), void *arg);
