// SPDX-License-Identifier: BSD-2-Clause
//
// The boot image the tool writes and the kernel reads: a flat binary loaded by
// QEMU at IMAGE_LOAD_PA. It holds, in order: the kernel (its PT_LOAD segments
// placed by physical address, bss zero-filled, rounded up to a page), then the
// image header at the first page boundary after the kernel (the kernel finds it
// at its linker symbol __image_start), then page tables and PD frames, each a
// 4 KiB page. The tool builds every PD's page tables but for the kernel half of
// each root (entries KERNEL_PT_FIRST..+3), which it leaves empty: the kernel
// fills it at boot with its own mappings, the same in every root.
#pragma once

#include "abi.h"

#define IMAGE_LOAD_PA  0x80200000UL // where OpenSBI enters S-mode on virt
#define IMAGE_MAX_SIZE (96UL << 20) // fits QEMU virt's default 128 MiB of RAM
#define IMAGE_MAGIC    0x31676d6974616f6dULL // "moatimg1" read as little-endian bytes
#define IMAGE_VERSION  14

// The cores of the smp-* configurations: QEMU virt with -smp 4 (harts 0..3;
// PD cpu N runs on hart N). Every other configuration has one.
#define MOAT_SMP_CPUS 4

// The kernel runs in the upper half: it maps PA p at KERNEL_VBASE + p, for the
// parts of physical 0..4 GiB it uses (kernel/arch/riscv/kmap.c). Those are root
// entries KERNEL_PT_FIRST..+3 of every PD's root table, global and
// supervisor-only: U-mode can never reach them.
#define KERNEL_VBASE    MOAT_UL(0xffffffc000000000)
#define KERNEL_PT_FIRST 256
#define KERNEL_PT_COUNT 4

// Sv39 page-table entry bits (privileged spec 4.3/4.4).
#define PTE_V (MOAT_UL(1) << 0)
#define PTE_R (MOAT_UL(1) << 1)
#define PTE_W (MOAT_UL(1) << 2)
#define PTE_X (MOAT_UL(1) << 3)
#define PTE_U (MOAT_UL(1) << 4)
#define PTE_G (MOAT_UL(1) << 5)
#define PTE_A (MOAT_UL(1) << 6)
#define PTE_D (MOAT_UL(1) << 7)
#define PTE_PPN_SHIFT 10

// One end of a channel as its holder sees it.
#define CH_VALID  0x01 // the id names a channel
#define CH_NOTIFY 0x02 // the holder may notify the peer
#define CH_PPC    0x04 // the holder may call the peer (peer has higher priority)
#define CH_CALLEE 0x08 // the peer may call the holder
#define CH_IRQ    0x10 // the id names an interrupt: peer_id holds its PLIC source number

// The longest period (and so budget) a PD may have: one hour, as seL4's
// MAX_PERIOD_US; in the kernel's timer ticks it is far from overflowing.
#define IMAGE_MAX_PERIOD_US 3600000000UL

// The board's timer (the time CSR) counts at this rate: QEMU virt's
// timebase-frequency. Domain schedule durations are in its ticks.
#define IMAGE_TIMER_HZ 10000000UL

// Domains (Microkit's <domains>): at most 16, and a schedule of at most 100
// entries, as Microkit's SDK kernels.
#define IMAGE_MAX_DOMAINS  16
#define IMAGE_MAX_DOMSCHED 100

// Interrupts: QEMU virt's PLIC has sources 1..95 (0 means "none").
#define IMAGE_MAX_IRQS 96

// The console UART (QEMU virt's NS16550A) and its interrupt: the kernel
// reads its input for the PDs (SYS_CONSOLE_READ) unless a PD maps its page
// or owns its interrupt, which the tool then says in image_hdr.flags.
#define IMAGE_UART_PA  0x10000000UL
#define IMAGE_UART_IRQ 10

// image_hdr.flags
#define IMAGE_F_CONSOLE_INPUT 0x1 // the kernel owns the UART's input

#ifndef __ASSEMBLER__
#include <stdint.h>

struct image_chan {
    uint8_t flags;   // CH_*
    uint8_t peer;    // index of the peer in image_hdr.pd[] (0 for an interrupt)
    uint8_t peer_id; // the channel's id at the peer's end: the bit it sees;
                     // for an interrupt (CH_IRQ), the PLIC source number
    uint8_t pad;
};

// <cspace> entries (struct image_pd.cap): a kind in the top two bits, the
// index of the PD named in the low six (every index is below MOAT_MAX_PDS).
#define IMAGE_CAP_SLOTS  64 // root slots 1..63: PD_ROOT_CAP_SIZE in microkit.h
#define IMAGE_CAP_NONE   0x00
#define IMAGE_CAP_TCB    0x40 // the PD's thread: seL4_TCB_Suspend, seL4_TCB_Resume
#define IMAGE_CAP_SC     0x80 // its scheduling context
#define IMAGE_CAP_VSPACE 0xc0 // its address space
#define IMAGE_CAP_KIND(c) ((c) & 0xc0)
#define IMAGE_CAP_PD(c)   ((c) & 0x3f)

// No parent: the PD's faults are reported on the console.
#define IMAGE_NO_PARENT 0xff

// One step of resetting a PD to its state at boot (moat_pd_reset): copy
// `size` bytes from src_pa to dst_pa, or zero them if src_pa is 0. The tool
// lists every writable page of the PD's program (with a pristine copy of its
// initial contents, setvars applied), its stack and its IPC buffer; memory
// regions are shared state and are not reset.
struct image_reset {
    uint64_t dst_pa;
    uint64_t src_pa;
    uint64_t size;
};

// One PLIC source, indexed by its number.
struct image_irq {
    uint8_t valid; // 1 if some PD owns this source
    uint8_t pd;    // index of the owner in image_hdr.pd[]
    uint8_t id;    // the owner's id for it (shares 0..61 with channel ids)
    uint8_t edge;  // 1 for trigger="edge", 0 for "level"
};

// One entry of the domain schedule: `domain` runs for `ticks`.
struct image_domsched {
    uint64_t ticks;   // > 0
    uint8_t domain;   // < IMAGE_MAX_DOMAINS
    uint8_t pad[7];
};

struct image_pd {
    char name[MOAT_NAME_LEN]; // NUL-padded; not terminated if 64 bytes long
    uint64_t root_pa;         // Sv39 root page table
    uint64_t entry;           // initial pc
    uint64_t sp;              // initial sp (USER_STACK_TOP)
    uint64_t ipcbuf_pa;       // the PD's IPC buffer page
    uint64_t stack_lo;        // lowest stack address; the page below is the guard
    uint8_t prio;             // 0..254
    uint8_t passive;          // 1 if passive="true"
    uint8_t parent;           // index of the parent PD, or IMAGE_NO_PARENT
    uint8_t child_id;         // this PD's id among its parent's children (0..61)
    uint32_t nreset;          // entries at reset_pa
    uint64_t reset_pa;        // struct image_reset[nreset], in the image
    char service[MOAT_NAME_LEN]; // the service this PD provides (NUL-padded), or empty
    uint64_t clients;         // bit i: pd[i] is a client of that service. For each
                              // client the tool allocates a zeroed page and maps it at
                              // the window's IPC_WINDOW_PAGES pages (abi.h) with PTE_V
                              // clear: the kernel sets V and, for a shared buffer,
                              // points the first two at the client's pages
    struct image_chan ch[MOAT_MAX_CHANNELS];
    uint32_t budget_us;       // scheduling context: budget and period in microseconds,
    uint32_t period_us;       // 1 <= budget <= period <= IMAGE_MAX_PERIOD_US
    uint8_t domain;           // < IMAGE_MAX_DOMAINS; 0 when there is no schedule
    uint8_t fpu;              // 0 for fpu="false": its first FP instruction is a fault
    uint8_t cpu;              // the core it runs on, < image_hdr.ncpus
    uint8_t pad[5];
    // Its <cspace>: cap[s] is what root slot s names (microkit.h's
    // microkit_cspace_root_slot_to_cptr(s)): IMAGE_CAP_NONE, or a kind
    // IMAGE_CAP_* | the index of the PD it names. Slot 0 is never used.
    uint8_t cap[IMAGE_CAP_SLOTS];
    uint64_t copy_clients;    // the clients (of clients) with share="copy"
};

struct image_hdr {
    uint64_t magic;   // IMAGE_MAGIC
    uint32_t version; // IMAGE_VERSION
    uint32_t npds;    // 1..MOAT_MAX_PDS
    uint64_t size;    // bytes of the whole image from IMAGE_LOAD_PA
    uint32_t hdr_size; // sizeof(struct image_hdr) and sizeof(struct image_pd) as
    uint32_t pd_size;  // the tool compiled them: the kernel checks both at boot
    struct image_irq irq[IMAGE_MAX_IRQS];
    // The domain schedule: entries 0..ndomsched-1 run in turn, for ever,
    // from entry domstart (Microkit's start_index; the cycle ends at its
    // <schedule_end_marker>). ndomsched 0: no domains, every PD runs at
    // any time.
    uint32_t ndomsched;
    uint32_t domstart;
    struct image_domsched domsched[IMAGE_MAX_DOMSCHED];
    // The file holds the first file_size bytes of the image (a multiple of
    // the page size, at most size); the rest is zeros the file does not
    // store, and the kernel zeroes it at boot. A fixed-address RAM region far
    // above the rest costs the file nothing.
    uint64_t file_size;
    uint64_t flags; // IMAGE_F_*
    uint32_t ncpus; // cores the system runs on: 1, or MOAT_SMP_CPUS (smp-*)
    uint32_t pad;
    struct image_pd pd[];
};

// The layout is a contract between the tool (compiled for the host) and the
// kernel (compiled for RV64): both compile these checks, so a field whose
// size or alignment differs between the two breaks the build of either.
#include <stddef.h>
_Static_assert(sizeof(struct image_chan) == 4, "image layout");
_Static_assert(sizeof(struct image_reset) == 24, "image layout");
_Static_assert(sizeof(struct image_irq) == 4, "image layout");
_Static_assert(offsetof(struct image_pd, root_pa) == 64, "image layout");
_Static_assert(offsetof(struct image_pd, prio) == 104, "image layout");
_Static_assert(offsetof(struct image_pd, nreset) == 108, "image layout");
_Static_assert(offsetof(struct image_pd, reset_pa) == 112, "image layout");
_Static_assert(offsetof(struct image_pd, service) == 120, "image layout");
_Static_assert(offsetof(struct image_pd, clients) == 184, "image layout");
_Static_assert(offsetof(struct image_pd, ch) == 192, "image layout");
_Static_assert(offsetof(struct image_pd, budget_us) == 440, "image layout");
_Static_assert(offsetof(struct image_pd, domain) == 448, "image layout");
_Static_assert(offsetof(struct image_pd, cpu) == 450, "image layout");
_Static_assert(offsetof(struct image_pd, cap) == 456, "image layout");
_Static_assert(offsetof(struct image_pd, copy_clients) == 520, "image layout");
_Static_assert(sizeof(struct image_pd) == 528, "image layout");
_Static_assert(sizeof(struct image_domsched) == 16, "image layout");
_Static_assert(offsetof(struct image_hdr, size) == 16, "image layout");
_Static_assert(offsetof(struct image_hdr, hdr_size) == 24, "image layout");
_Static_assert(offsetof(struct image_hdr, irq) == 32, "image layout");
_Static_assert(offsetof(struct image_hdr, ndomsched) == 416, "image layout");
_Static_assert(offsetof(struct image_hdr, domsched) == 424, "image layout");
_Static_assert(offsetof(struct image_hdr, file_size) == 2024, "image layout");
_Static_assert(offsetof(struct image_hdr, flags) == 2032, "image layout");
_Static_assert(offsetof(struct image_hdr, ncpus) == 2040, "image layout");
_Static_assert(sizeof(struct image_hdr) == 2048, "image layout");
#endif
