// SPDX-License-Identifier: BSD-2-Clause
//
// Boot-time CPU set-up and switching between PDs: address spaces, the lazy
// FPU, the timer, the console and power-off.
//
// Address spaces: the tool built every PD's page tables but the kernel half,
// which the kernel gives each root at boot (kmap.c); a PD's satp names its
// root and its ASID (PD index + 1), so satp itself tells which PD's address
// space is loaded. The page tables never change after boot,
// so with enough ASID bits no TLB flush is ever needed on a switch; if the
// CPU has fewer, each switch flushes.
//
// FPU: the FP registers belong to one PD at a time (fpu_owner). Every other
// PD runs with sstatus.FS = Off, so its first FP instruction traps as an
// illegal instruction; trap() then calls fpu_take, which moves the registers
// to it. PDs that never touch FP never pay for it, and an IPC between two
// such PDs costs nothing extra.
#include "moat/image.h"

#include "arch.h"
#include "arch_fast.h"
#include "bench.h"
#include "console.h"
#include "cpu.h"
#include "csr.h"
#include "ipc.h"
#include "irq.h"
#include "kmap.h"
#include "lock.h"
#include "pd.h"
#include "sbi.h"
#include "sched.h"

#define TIMER_HZ    10000000 // QEMU virt's timebase-frequency
#define FINISHER_PA 0x100000 // QEMU virt's sifive_test device
#define FINISHER_PASS 0x5555
#define FINISHER_FAIL 0x3333

_Static_assert(offsetof(struct arch_pd, cpu) == 264, "trap.S ARCH_PD_CPU");

// fpu.S stores f0..f31 at fregs[0..31] and fcsr right after them.
_Static_assert(offsetof(struct arch_pd, fcsr) == offsetof(struct arch_pd, fregs) + 256, "fpu.S");

void fpu_save(uint64_t *fregs);
void fpu_load(const uint64_t *fregs);
void fpu_take(struct pd *pd);
void timer_interrupt(void);
void plic_cpu_init(void);

extern char __image_start[];

#define fpu_owner (this_cpu()->fpu_pd)
paddr_t ram_end; // the image's RAM is [IMAGE_LOAD_PA, ram_end): mmu.c
static bool use_asids;
#define timer_on (this_cpu()->timer_set)
static bool use_sstc; // S-mode sets its own timer (stimecmp): no SBI call

// Whether this hart has Sstc and the firmware enabled it for S-mode
// (menvcfg.STCE): reading stimecmp then works; otherwise it traps, and the
// probe's own trap vector notes that and skips it. Boot only: interrupts
// are off, and the kernel's vector is put back.
static bool
sstc_probe(void)
{
    uint64_t ok, saved;

    __asm__ volatile("li %0, 1\n"
                     "lla t0, 1f\n"
                     "csrrw %1, stvec, t0\n"
                     "csrr t0, 0x14d\n"
                     "j 2f\n"
                     ".balign 4\n"
                     "1: li %0, 0\n"
                     "2: csrw stvec, %1\n"
                     : "=&r"(ok), "=&r"(saved)
                     :
                     : "t0", "memory");
    return ok;
}

// The timer interrupt at `when` (time CSR ticks); UINT64_MAX: never.
static void
timer_set(uint64_t when)
{
    if (use_sstc)
        csr_write(0x14d, when);
    else
        sbi_set_timer(when);
}

// This hart's CSRs: sret enters U-mode (SPP = 0) with FP off; the kernel
// itself runs with interrupts off and never touches user memory (SUM = 0);
// PDs may read cycle, time and instret; the timer and external interrupts
// wake it from wfi, each through this hart's own timer and PLIC context.
static void
cpu_init(void)
{
    csr_clear(sstatus, SSTATUS_FS | SSTATUS_SUM | SSTATUS_SIE | SSTATUS_SPP);
    csr_write(scounteren, 7);
    csr_write(sie, SIE_STIE | SIE_SEIE | (MOAT_NCPUS > 1 ? SIE_SSIE : 0));
    plic_cpu_init();
    use_sstc = sstc_probe();
    timer_set(UINT64_MAX);
}

// The kernel's own page table (kmap.c), which an SMP kernel's other cores
// switch to once they run at the linked address.
static uint64_t kernel_satp;

const struct image_hdr *
arch_init(void)
{
    kmap_init();
    uint64_t boot = csr_read(satp);

    // How many ASID bits does this hart have? Write ones, read back.
    csr_write(satp, boot | (SATP_ASID_MASK << SATP_ASID_SHIFT));
    uint64_t asids = (csr_read(satp) >> SATP_ASID_SHIFT) & SATP_ASID_MASK;
    csr_write(satp, boot);
    sfence_vma();
    use_asids = asids >= MOAT_MAX_PDS;
    kernel_satp = boot;
    cpu_init();
    const struct image_hdr *img = (const struct image_hdr *)__image_start;
    ram_end = IMAGE_LOAD_PA + (img->size < IMAGE_MAX_SIZE ? img->size : IMAGE_MAX_SIZE);
    return img;
}

#if MOAT_NCPUS > 1
static unsigned cpus_up; // cores but the boot one that are up (arch_cpu_up)
static void cpus_wait_all(unsigned n);
void _start_secondary(void); // entry.S
extern char kstacks_ap[];     // entry.S: KSTACK_SIZE for each core but the boot one
#define KSTACK_SIZE 16384

void
arch_cpus_start(unsigned n)
{
    unsigned me = this_cpu()->index, slot = 0;

    for (unsigned h = 0; h < n; h++) {
        if (h == me)
            continue;
        cpus[h].kstack_top = kstacks_ap + ++slot * KSTACK_SIZE;
        long err = sbi_hart_start(h, (uint64_t)_start_secondary - KERNEL_VBASE,
                                  (uint64_t)&cpus[h]);
        if (err)
            panic("SBI hart_start failed: a core of the configuration is missing "
                  "(QEMU needs -smp 4 for smp-* systems)");
    }
    if (me >= n) // a boot hart beyond the system's cores runs nothing
        sbi_hart_stop();
    cpus_wait_all(n);
}

// No core runs a PD before every core is up: each waits here, in wfi (under
// QEMU's -icount the harts run in turn, and a spinning one holds its turn
// for up to 100 ms of host time, which a hart still starting in OpenSBI
// needs many of). The last core up interrupts the others.
static void
cpus_wait_all(unsigned n)
{
    while (__atomic_load_n(&cpus_up, __ATOMIC_SEQ_CST) < n - 1) {
        __asm__ volatile("wfi");
        csr_clear(sip, SIP_SSIP);
    }
}

// A core is up (ksecondary), its PDs queued: the last one up wakes all.
void
arch_cpu_up(void)
{
    if (__atomic_add_fetch(&cpus_up, 1, __ATOMIC_SEQ_CST) == ncpus - 1)
        sbi_send_ipi(((1UL << ncpus) - 1) & ~(1UL << this_cpu()->index), 0);
    cpus_wait_all(ncpus);
#ifdef MOAT_BENCHMARK
    this_cpu()->entered = csr_read(cycle); // its first return to user space ends this entry
#endif
}

// An SMP kernel's other cores, from entry.S: the kernel's page table, this
// hart's CSRs, then the core's PDs (main.c's ksecondary does the rest).
void
arch_cpu_enter(void)
{
    csr_write(satp, kernel_satp);
    sfence_vma();
    cpu_init();
}

void
arch_cpu_kick(unsigned cpu)
{
    sbi_send_ipi(1UL << cpu, 0);
}

// Another core's IPI: notifications for this core's PDs (ipc.c).
void
cpu_kicked(void)
{
    csr_clear(sip, SIP_SSIP);
#ifdef MOAT_BENCHMARK
    bench_take();
#endif
    ipc_remote_take();
}

#endif

void *
arch_phys(paddr_t pa)
{
    return (void *)(KERNEL_VBASE + pa);
}

void
arch_pd_init(struct pd *pd, uint64_t root_pa, uint64_t entry, uint64_t sp)
{
    uint64_t asid = use_asids ? pd->index + 1UL : 0;

    // The kernel writes into the root: it must be a page of the image,
    // not of the kernel itself.
    if (root_pa % PAGE_SIZE || root_pa < (uint64_t)__image_start - KERNEL_VBASE ||
        root_pa >= ram_end)
        panic("image: a root page table outside the image");
    kmap_install(arch_phys(root_pa));
    sfence_vma(); // the stores before the first walk: with ASIDs, no switch fences
    pd->arch.satp = SATP_SV39 | asid << SATP_ASID_SHIFT | root_pa >> 12;
    pd->arch.flush = !use_asids;
    pd->arch.cpu = cpu_of(pd); // trap entry's tp (pd_boot set pd->cpu)
    arch_pd_regs(pd, entry, sp);
}

void
arch_pd_regs(struct pd *pd, uint64_t entry, uint64_t sp)
{
    for (unsigned i = 0; i < 32; i++) {
        pd->arch.regs.x[i] = 0;
        pd->arch.fregs[i] = 0;
    }
    pd->arch.fcsr = 0;
    arch_pc(pd) = entry;
    arch_sp(pd) = sp;
}

struct regs *
arch_switch(struct pd *next)
{
    arch_space(next);
    return &next->arch.regs;
}

void
fpu_take(struct pd *pd)
{
    csr_set(sstatus, SSTATUS_FS_INIT);
    if (fpu_owner)
        fpu_save(fpu_owner->arch.fregs);
    fpu_load(pd->arch.fregs);
    fpu_owner = pd;
    csr_clear(sstatus, SSTATUS_FS);
    csr_set(sstatus, SSTATUS_FS_CLEAN);
}

void
arch_pd_stopped(struct pd *pd)
{
    if (fpu_owner != pd)
        return;
    // Keep its registers, in case it is resumed: save them, then give up the FPU.
    csr_set(sstatus, SSTATUS_FS_INIT);
    fpu_save(pd->arch.fregs);
    fpu_owner = NULL;
    csr_clear(sstatus, SSTATUS_FS);
}

uint64_t
arch_time(void)
{
    return csr_read(time);
}

uint64_t
arch_timer_hz(void)
{
    return TIMER_HZ;
}

void
arch_timer_arm(uint64_t ticks)
{
    uint64_t now = arch_time();

    timer_set(ticks > UINT64_MAX - now ? UINT64_MAX : now + ticks); // never wraps
    timer_on = true;
}

void
arch_timer_disarm(void)
{
    timer_set(UINT64_MAX);
    timer_on = false;
}

void
timer_interrupt(void)
{
    timer_set(UINT64_MAX); // one-shot: also clears the pending interrupt
    timer_on = false;
    sched_timer();
}

bool
arch_idle(void)
{
    // Can this core wake itself? (Console input wakes readers of every core
    // through core 0, which owns the UART's interrupt.)
    bool local = timer_on || irq_any() ||
                 (this_cpu()->index == 0 && __atomic_load_n(&console_readers, __ATOMIC_RELAXED));
#if MOAT_NCPUS > 1
    if (!local) {
        int q = ipc_idle_quiet();
        if (q < 0)
            return true; // notifications from another core were there, and are taken
        if (q > 0)
            return false; // every core is quiet: none will ever send
    }
#else
    if (!local)
        return false;
#endif
    kernel_unlock(); // not while it waits: other cores' calls need it
    while (!(csr_read(sip) & csr_read(sie)))
        __asm__ volatile("wfi");
    kernel_lock();
#if MOAT_NCPUS > 1
    ipc_idle_awake(); // whatever woke it (a stale IPI too)
#endif
    uint64_t pending = csr_read(sip) & csr_read(sie);
    if (pending & SIE_STIE)
        timer_interrupt();
    if (pending & SIE_SEIE)
        irq_interrupt(arch_irq_claim());
#if MOAT_NCPUS > 1
    if (pending & SIE_SSIE)
        cpu_kicked();
#endif
    return true;
}

void
arch_putc(char c)
{
    sbi_putchar(c);
}

_Noreturn void
arch_halt(int code)
{
    volatile uint32_t *finisher = arch_phys(FINISHER_PA);

    *finisher = code ? (uint32_t)code << 16 | FINISHER_FAIL : FINISHER_PASS;
    sbi_shutdown();
    for (;;)
        __asm__ volatile("wfi");
}

void
arch_pd_dump(const struct pd *pd)
{
    static const char *const names[32] = {
        "pc", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
        "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
        "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
    };

    kdbg("Registers: \n");
    for (unsigned r = 0; r < 32; r++)
        kdbg("%s : 0x%lx\n", names[r], pd->arch.regs.x[r]);
}
