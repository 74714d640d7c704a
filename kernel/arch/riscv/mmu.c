// SPDX-License-Identifier: BSD-2-Clause
//
// Reading a PD's Sv39 page tables (privileged spec 4.3.2's walk), which the
// tool built. The kernel changes one kind of entry only: a service's window
// pages (svc.c), their V bit and the frame behind them.
#include "moat/image.h"

#include "arch.h"
#include "csr.h"
#include "pd.h"

#define PTE_LEAF (PTE_R | PTE_W | PTE_X)
#define PPN_MASK ((1UL << 44) - 1)

static uint64_t
pte_pa(uint64_t pte)
{
    return (pte >> PTE_PPN_SHIFT & PPN_MASK) << 12;
}

// The entry that maps va: a leaf at any level, or the level-0 slot (valid or
// not) under valid tables; *level is its level. NULL if a table is missing.
static uint64_t *
walk(const struct pd *pd, word_t va, int *level)
{
    uint64_t *table = arch_phys((pd->arch.satp & PPN_MASK) << 12);

    if (va >= USER_TOP)
        return NULL;
    for (int l = 2;; l--) {
        uint64_t *pte = &table[va >> (12 + 9 * l) & 511];

        *level = l;
        if (l == 0 || (*pte & PTE_V && *pte & PTE_LEAF))
            return pte;
        if (!(*pte & PTE_V))
            return NULL;
        table = arch_phys(pte_pa(*pte));
    }
}

extern paddr_t ram_end; // context.c

// Only RAM of the image counts as a PD's memory: a device page mapped into
// a PD is not memory the kernel may copy to or from (the access may fault in
// the kernel, or have side effects).
paddr_t
arch_user_pa(const struct pd *pd, word_t va, bool write)
{
    int level;
    const uint64_t *pte = walk(pd, va, &level);
    uint64_t need = PTE_V | PTE_U | PTE_R | (write ? PTE_W : 0);

    if (!pte || (*pte & need) != need)
        return 0;
    paddr_t pa = pte_pa(*pte) + (va & ((1UL << (12 + 9 * level)) - 1));
    return pa >= IMAGE_LOAD_PA && pa < ram_end ? pa : 0;
}

paddr_t
arch_window_pa(const struct pd *pd, word_t va)
{
    int level;
    const uint64_t *pte = walk(pd, va, &level);

    if (!pte || level || (*pte & (PTE_U | PTE_R | PTE_W)) != (PTE_U | PTE_R | PTE_W))
        return 0;
    return pte_pa(*pte);
}

void
arch_window_map(struct pd *pd, word_t va, bool on)
{
    arch_window_set(pd, va, arch_window_pa(pd, va), on);
}

void
arch_window_set(struct pd *pd, word_t va, paddr_t pa, bool on)
{
    int level;
    uint64_t *pte = walk(pd, va, &level);

    ASSERT(pte && level == 0 && pa && !(pa & (PAGE_SIZE - 1)));
    *pte = (*pte & ~(PPN_MASK << PTE_PPN_SHIFT) & ~(uint64_t)PTE_V) |
           (pa >> 12) << PTE_PPN_SHIFT | (on ? PTE_V : 0);
    // Order the store before later walks, and drop any cached translation of
    // va in every address space (the window is only ever in pd's).
    __asm__ volatile("sfence.vma %0, zero" ::"r"(va) : "memory");
}
