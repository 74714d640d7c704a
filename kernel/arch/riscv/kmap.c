// SPDX-License-Identifier: BSD-2-Clause
//
// The kernel's own mappings: the kernel half of every address space (root
// entries KERNEL_PT_FIRST..+3), built once at boot from the linker script's
// symbols into tables in the kernel's bss, and shared by the boot table and
// every PD's root. KERNEL_VBASE + p maps physical p, for
//
//   0 .. 1 GiB         devices (the test finisher, the PLIC): one 1 GiB
//                      page, read-write
//   1 .. 2, 3 .. 4 GiB nothing: the kernel uses nothing there
//   2 GiB .. +2 MiB    OpenSBI's (the kernel never touches it): nothing
//   0x80200000 +2 MiB  the kernel, 4 KiB pages: text read-execute, read-only
//                      data read-only, kstack_guard nothing, the rest (data,
//                      bss, stacks, then the image's first pages) read-write
//   the rest of GiB 2  RAM (the image: page tables, PD memory that the
//                      kernel copies to and from): 2 MiB pages, read-write
//
// So text is never writable and nothing else is executable, and an overflow
// of the kernel stack faults in its guard page. Every leaf is global and has
// A and D set, so no hart ever needs to update (or fault for) them.
#include "kmap.h"

#include "moat/image.h"

#include "arch.h"
#include "csr.h"

#define MIB2 (1UL << 21)
#define GIB  (1UL << 30)
#define LEAF (PTE_V | PTE_A | PTE_D | PTE_G)

// The kernel's 2 MiB page starts at its load address (kernel.ld asserts
// that it ends within it).
_Static_assert(IMAGE_LOAD_PA % MIB2 == 0, "kmap: one table maps the kernel");

extern char __text_start[], __text_end[], __rodata_end[], kstack_guard[]; // kernel.ld
extern uint64_t boot_pt[];                                              // entry.S

static uint64_t kpt_kernel[512] __attribute__((aligned(PAGE_SIZE))); // 4 KiB pages
static uint64_t kpt_ram[512] __attribute__((aligned(PAGE_SIZE)));    // GiB 2 in 2 MiB pages
static uint64_t kroot[KERNEL_PT_COUNT];                              // the root's entries

static uint64_t
pte(uint64_t pa, uint64_t flags)
{
    return pa >> 12 << PTE_PPN_SHIFT | flags;
}

// A kernel virtual address's physical address.
static uint64_t
kpa(const void *p)
{
    return (uint64_t)p - KERNEL_VBASE;
}

void
kmap_init(void)
{
    for (unsigned i = 0; i < 512; i++) {
        const char *va = __text_start + i * PAGE_SIZE;
        uint64_t flags = va < __text_end     ? PTE_R | PTE_X
                         : va < __rodata_end ? PTE_R
                         : va == kstack_guard ? 0
                                              : PTE_R | PTE_W;
        kpt_kernel[i] = flags ? pte(kpa(va), LEAF | flags) : 0;
    }
    for (unsigned i = 0; i < 512; i++) {
        uint64_t pa = 2 * GIB + i * MIB2;
        kpt_ram[i] = pa < IMAGE_LOAD_PA    ? 0
                     : pa == IMAGE_LOAD_PA ? pte(kpa(kpt_kernel), PTE_V | PTE_G)
                                           : pte(pa, LEAF | PTE_R | PTE_W);
    }
    kroot[0] = pte(0, LEAF | PTE_R | PTE_W);
    kroot[1] = 0;
    kroot[2] = pte(kpa(kpt_ram), PTE_V | PTE_G);
    kroot[3] = 0;

    // The boot table moves over. Every address the kernel is using now
    // keeps its physical page, so the entries may change in any order; the
    // first fence orders the table stores before any walk through them, the
    // second drops what the TLB holds of the old entries (global ones too).
    // Entry 2, the identity map, served entry.S's jump only.
    sfence_vma();
    kmap_install(boot_pt);
    boot_pt[2] = 0;
    sfence_vma();
}

void
kmap_install(uint64_t *root)
{
    for (unsigned i = 0; i < KERNEL_PT_COUNT; i++)
        root[KERNEL_PT_FIRST + i] = kroot[i];
}
