// SPDX-License-Identifier: BSD-2-Clause
//
// Everything the portable core needs from the CPU and the board: the whole
// boundary between kernel/*.c and kernel/arch/<arch>/. A port implements
// these; the host unit tests implement them in tests/unit/fake_arch.c.
#pragma once

#include "kernel.h"

struct pd;
struct image_hdr;

// Boot: traps, counters, FPU, address-space ids. Returns the image the tool
// appended to the kernel.
const struct image_hdr *arch_init(void);

// SMP kernels: start every core of cpus[0..n) but the booting one (each
// ends in ksecondary, main.c), and wait until each has called arch_cpu_up,
// which waits for all too; a booting hart beyond them stops itself.
void arch_cpus_start(unsigned n);
void arch_cpu_up(void);
// On each of those cores first: the kernel's page table, the core's CSRs.
void arch_cpu_enter(void);
// Interrupt core `cpu` (an IPI): it then calls ipc_remote_take.
void arch_cpu_kick(unsigned cpu);
// SMP: what other cores asked of this one by their kicks (notifications,
// wake-ups, control, the benchmark log): at the kick's interrupt, and once
// past the boot barrier, which clears the kicks it waits through.
void cpu_kicked(void);

// Prepare a PD's architectural state from its image entry: registers, address
// space (its root gets the kernel's half). At boot only.
void arch_pd_init(struct pd *pd, uint64_t root_pa, uint64_t entry, uint64_t sp);

// Every register of the PD zero (FP state too) but pc = entry and sp = sp.
void arch_pd_regs(struct pd *pd, uint64_t entry, uint64_t sp);

// A kernel pointer to physical address pa (RAM of the image).
void *arch_phys(paddr_t pa);

// Print a stopped PD's registers, as Microkit's monitor does ("Registers:",
// then one "name : value" line each).
void arch_pd_dump(const struct pd *pd);

// The physical address behind user address va in pd's address space, if the
// page is RAM (not a device) mapped for U-mode reading (and writing, if
// `write`); else 0.
paddr_t arch_user_pa(const struct pd *pd, word_t va, bool write);

// A service's window page at va (svc.c): the frame behind it (reachable or
// not), or 0 if there is none; make it reachable or not; put frame pa
// behind it, reachable or not.
paddr_t arch_window_pa(const struct pd *pd, word_t va);
void arch_window_map(struct pd *pd, word_t va, bool on);
void arch_window_set(struct pd *pd, word_t va, paddr_t pa, bool on);

// The CPU is to return to `next`, which is not the PD it last ran: switch
// address space and FPU access. Returns the registers trap exit restores.
struct regs *arch_switch(struct pd *next);

// Leave the kernel for `next` (NULL: idle until some PD can run): switch to
// it if it is not the PD the CPU last ran, and return the registers that trap
// exit restores.
struct regs *arch_resume(struct pd *next);

// The IPC fast paths' ways out, inline in each port's arch_fast.h (which
// fastpath.c alone includes), each returning what trap exit restores, or
// not returning at all but leaving the kernel itself:
//   struct regs *arch_fast_resume(struct pd *pd): the PD that trapped goes on;
//   struct regs *arch_fast_switch(struct pd *from, struct pd *to): `from`
//     trapped, `to` runs next (as arch_switch);
//   void arch_fast_save(struct pd *pd): the general path is about to run for
//     the PD that trapped; a port whose fast paths keep some of its registers
//     in the CPU (RISC-V's: arch_fast.h) puts them into the PD first.

// The PD stops (faulted, stopped or reset): if it owns the FPU, save its FP
// registers into the PD and give the FPU up.
void arch_pd_stopped(struct pd *pd);

// Timer: the time now, in ticks (arch_timer_hz() a second); one interrupt
// `ticks` from now, or none.
uint64_t arch_time(void);
void arch_timer_arm(uint64_t ticks);
void arch_timer_disarm(void);
uint64_t arch_timer_hz(void);

// Instructions retired so far (the trace's clock: exact under QEMU -icount).
// Defined inline by arch_types.h where the trace is built in.
uint64_t arch_instret(void);

// Interrupt controller. A source that fires is masked from delivery until
// arch_irq_ack; the arch layer's interrupt entry claims it (arch_irq_claim)
// and hands it to irq_interrupt or the fast path (irq.h, fastpath.h). Each
// source goes to one core (`cpu`: its owner's), where it is claimed and acked.
// arch_irq_claim: the running core's next pending source, now in service,
// or 0 if none is. arch_irq_in_service: the source was claimed and is not
// acked yet, so it cannot fire again before its ack.
void arch_irq_enable(unsigned source, bool edge, unsigned cpu);
unsigned arch_irq_claim(void);
void arch_irq_ack(unsigned source);
bool arch_irq_in_service(unsigned source);

// Console.
void arch_putc(char c);

// Console input (uart.c): take the UART's input, and drain it when its
// interrupt fires; each byte goes to console_rx.
void arch_console_input_boot(void);
void arch_console_rx(void);

// Wait until an interrupt is pending and handle it. Returns false if no
// interrupt source is armed (no timer, no device interrupt owned by a PD
// and not in service, no PD waiting to be told of console input), so
// nothing can ever wake the system.
bool arch_idle(void);

// Power off. code 0 reports success to the host (QEMU exits 0), else failure.
_Noreturn void arch_halt(int code);
