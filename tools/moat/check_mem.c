// SPDX-License-Identifier: BSD-2-Clause
//
// Memory regions and maps: unique region names, page sizes (the default is
// 2 MiB when the size, phys_addr and every map vaddr allow it), physical
// ranges (device memory clear of the kernel's devices; RAM at a fixed
// address inside the image window; no two regions overlapping), names that
// maps and setvars give, and every map's virtual range in its PD, which keeps
// clear of the IPC window area if the PD provides a service (as its program
// segments do).
#include "check.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "moat/image.h"

#define RAM_BASE 0x80000000UL
#define PA_LIMIT (1ULL << 56) // Sv39 physical addresses

struct pa_range {
    uint64_t lo, hi;
    const char *what;
};

// Physical ranges the kernel itself uses on QEMU virt.
static const struct pa_range kernel_dev[] = {
    {0x100000, 0x101000, "the test device"},
    {0x2000000, 0x2010000, "the CLINT"},
    {0xc000000, 0x10000000, "the PLIC"},
};

// Devices on QEMU virt that can master the bus: whoever drives one can make
// it read and write any physical address (there is no IOMMU). Addresses
// from QEMU 7.2's hw/riscv/virt.c memory map.
static const struct pa_range bus_master[] = {
    {0x3000000, 0x3010000, "the PCIe I/O ports"},
    {0x4000000, 0x6000000, "the platform bus (dynamically added devices)"},
    {0x10001000, 0x10009000, "virtio-mmio"},
    {0x10100000, 0x10100018, "fw_cfg"},
    {0x30000000, 0x40000000, "the PCIe configuration space"},
    {0x40000000, 0x80000000, "the PCIe memory window"},
};

static unsigned long long
ull(uint64_t v)
{
    return (unsigned long long)v;
}

static int
resolve(const struct system *sys, struct loc at, const char *name)
{
    int r = sdf_find_region(sys, name);

    if (r < 0) {
        check_unknown(sys, at, "memory region", name, sys->region, sys->nregion, sizeof *sys->region,
                      offsetof(struct region, name));
    }
    return r;
}

// As in Microkit, setvar_prefill_size only on a map of a prefilled region
// (one whose prefill_path was given: an empty one is reported already, as is
// prefill_bootinfo).
static void
prefill_size_needs_file(const struct system *sys, const struct map *m)
{
    const struct region *r;

    if (m->setvar_prefill_size == NULL || m->region < 0)
        return;
    r = &sys->region[m->region];
    if (r->prefill_given || r->bootinfo_given)
        return;
    diag_error(m->sprefill_at, "'setvar_prefill_size' used for memory region '%s' without a "
               "'prefill_path'", m->mr);
    diag_note(sys->region[m->region].at, "memory region '%s' defined here", m->mr);
}

static void
resolve_names(struct system *sys, int npds)
{
    for (int i = 0; i < sys->nregion; i++) {
        const struct region *r = &sys->region[i];
        int j = r->name != NULL ? sdf_find_region(sys, r->name) : i;
        if (j < i) {
            diag_error(r->name_at, "memory region '%s' defined twice", r->name);
            diag_note(sys->region[j].name_at, "first defined here");
        }
    }
    for (int p = 0; p < npds; p++) {
        struct pd *pd = &sys->pd[p];
        for (int i = 0; i < pd->nmap; i++) {
            if (pd->map[i].mr != NULL) {
                pd->map[i].region = resolve(sys, pd->map[i].mr_at, pd->map[i].mr);
            }
            prefill_size_needs_file(sys, &pd->map[i]);
        }
        for (int i = 0; i < pd->nsetvar; i++) {
            if (pd->setvar[i].region_name != NULL) {
                pd->setvar[i].region = resolve(sys, pd->setvar[i].region_at,
                                               pd->setvar[i].region_name);
            }
        }
    }
}

// 2 MiB unless the size, phys_addr or a map's vaddr is not a multiple of it.
static uint64_t
default_page(const struct system *sys, int npds, int ri)
{
    const struct region *r = &sys->region[ri];

    if (r->size % LARGE_PAGE != 0 || (r->has_phys && r->phys % LARGE_PAGE != 0))
        return PAGE_SIZE;
    for (int p = 0; p < npds; p++) {
        for (int i = 0; i < sys->pd[p].nmap; i++) {
            const struct map *m = &sys->pd[p].map[i];
            if (m->region == ri && m->vaddr_ok && m->vaddr % LARGE_PAGE != 0)
                return PAGE_SIZE;
        }
    }
    return LARGE_PAGE;
}

// Page size, size and phys_addr of one region; clears r->ok on error.
static void
check_sizes(struct system *sys, int npds, int ri)
{
    struct region *r = &sys->region[ri];

    if (!r->ok || r->size == 0) {
        r->ok = false;
        return;
    }
    if (!r->has_page) {
        r->page_size = default_page(sys, npds, ri);
    }
    if (r->size % r->page_size != 0) {
        diag_error(r->size_at, "size 0x%llx is not a multiple of the page size 0x%llx",
                   ull(r->size), ull(r->page_size));
        r->ok = false;
    }
    if (r->has_phys && r->phys % r->page_size != 0) {
        diag_error(r->phys_at, "phys_addr 0x%llx is not aligned to the page size 0x%llx",
                   ull(r->phys), ull(r->page_size));
        r->ok = false;
    }
}

// Where a region with phys_addr may be: device memory below RAM, clear of
// the kernel's devices, or RAM inside the image window (whose lower end,
// after the kernel, layout_regions() checks).
static void
check_phys(struct region *r)
{
    uint64_t lo = r->phys, hi = r->phys + r->size;
    struct loc at = r->phys_at;

    if (r->size > PA_LIMIT || r->phys > PA_LIMIT - r->size) {
        diag_error(at, "memory region '%s' physical address range [0x%llx..0x%llx) exceeds the "
                   "56-bit physical address space", r->name, ull(lo), ull(hi));
        r->ok = false;
        return;
    }
    r->device = hi <= RAM_BASE;
    for (size_t i = 0; i < sizeof kernel_dev / sizeof kernel_dev[0]; i++) {
        if (lo < kernel_dev[i].hi && kernel_dev[i].lo < hi) {
            diag_error(at, "memory region '%s' physical address range [0x%llx..0x%llx) overlaps "
                       "%s [0x%llx..0x%llx), which the kernel owns", r->name, ull(lo), ull(hi),
                       kernel_dev[i].what, ull(kernel_dev[i].lo), ull(kernel_dev[i].hi));
            r->ok = false;
        }
    }
    for (size_t i = 0; r->device && i < sizeof bus_master / sizeof bus_master[0]; i++) {
        if (lo < bus_master[i].hi && bus_master[i].lo < hi && r->dma == NULL) {
            r->dma = bus_master[i].what;
        }
    }
    if (!r->device && lo < IMAGE_LOAD_PA) {
        diag_error(at, "memory region '%s' physical address range [0x%llx..0x%llx) overlaps the "
                   "RAM below the image [0x%lx..0x%lx) (OpenSBI)", r->name, ull(lo), ull(hi),
                   RAM_BASE, IMAGE_LOAD_PA);
        r->ok = false;
    } else if (!r->device && hi > IMAGE_LOAD_PA + IMAGE_MAX_SIZE) {
        diag_error(at, "memory region '%s' physical address range [0x%llx..0x%llx) is beyond the "
                   "image window, which ends at 0x%lx", r->name, ull(lo), ull(hi),
                   IMAGE_LOAD_PA + IMAGE_MAX_SIZE);
        r->ok = false;
    }
    if (r->device && r->prefill != NULL) {
        diag_error(r->prefill_at, "memory region '%s' is device memory (below RAM at 0x%lx) and "
                   "cannot be prefilled", r->name, RAM_BASE);
        r->ok = false;
    }
}

static void
check_overlaps(const struct system *sys)
{
    for (int i = 0; i < sys->nregion; i++) {
        const struct region *a = &sys->region[i];
        if (!a->ok || !a->has_phys)
            continue;
        for (int j = 0; j < i; j++) {
            const struct region *b = &sys->region[j];
            if (!b->ok || !b->has_phys || a->phys >= b->phys + b->size ||
                b->phys >= a->phys + a->size)
                continue;
            diag_error(a->phys_at, "memory region '%s' physical address range [0x%llx..0x%llx) "
                       "overlaps with another memory region '%s' [0x%llx..0x%llx)", a->name,
                       ull(a->phys), ull(a->phys + a->size), b->name, ull(b->phys),
                       ull(b->phys + b->size));
            diag_note(b->phys_at, "memory region '%s' is here", b->name);
            break;
        }
    }
}

static bool
overlap(uint64_t a, uint64_t asize, uint64_t b, uint64_t bsize)
{
    return a < b + bsize && b < a + asize;
}

// The name of the service PD pd provides, or NULL.
static const char *
service_of(const struct system *sys, const struct pd *pd)
{
    if (pd->service < 0)
        return NULL;
    return sys->service[pd->service].name ? sys->service[pd->service].name : "";
}

// One map's virtual range against the PD's fixed areas (the stack only if
// its size was not refused) and earlier maps (those not refused); returns
// false after reporting.
static bool
check_map_range(const struct system *sys, const struct pd *pd, int i)
{
    const struct map *m = &pd->map[i];
    uint64_t va = m->vaddr, size = sys->region[m->region].size;
    uint64_t lo = USER_STACK_TOP - pd->stack_size;
    const char *svc = service_of(sys, pd);
    char window[MOAT_NAME_LEN + 64];
    const struct {
        uint64_t lo, hi;
        const char *what;
    } area[] = {
        {lo - PAGE_SIZE, lo, "the stack's guard page"},
        {lo, USER_STACK_TOP, "the stack"},
        {USER_STACK_TOP, USER_IPCBUF, "the guard page above the stack"},
        {USER_IPCBUF, USER_IPCBUF + PAGE_SIZE, "the IPC buffer"},
        {USER_IPCBUF + PAGE_SIZE, USER_TOP, "the unmapped top page"},
        {svc ? USER_IPC_WINDOW : 0, svc ? USER_IPC_WINDOW_END : 0, window},
    };

    snprintf(window, sizeof window, "the IPC window area of service '%.64s'", svc ? svc : "");
    if (va < PAGE_SIZE || size > USER_TOP || va > USER_TOP - size) {
        diag_error(m->vaddr_at, "map for '%s' has virtual address range [0x%llx..0x%llx) which "
                   "is outside the user address space [0x%lx..0x%lx)", m->mr, ull(va),
                   ull(va + size), PAGE_SIZE, USER_TOP);
        return false;
    }
    // area[0] and area[1] depend on the stack's size.
    for (size_t k = pd->stack_bad ? 2 : 0; k < sizeof area / sizeof area[0]; k++) {
        if (overlap(va, size, area[k].lo, area[k].hi - area[k].lo)) {
            diag_error(m->vaddr_at, "map for '%s' has virtual address range [0x%llx..0x%llx) "
                       "which overlaps with %s [0x%llx..0x%llx) in protection domain '%s'",
                       m->mr, ull(va), ull(va + size), area[k].what, ull(area[k].lo),
                       ull(area[k].hi), pd->name ? pd->name : "");
            return false;
        }
    }
    for (int j = 0; j < i; j++) {
        const struct map *o = &pd->map[j];
        if (o->region < 0 || !sys->region[o->region].ok || !o->vaddr_ok)
            continue;
        uint64_t osize = sys->region[o->region].size;
        if (!overlap(va, size, o->vaddr, osize))
            continue;
        diag_error(m->vaddr_at, "map for '%s' has virtual address range [0x%llx..0x%llx) which "
                   "overlaps with map for '%s' [0x%llx..0x%llx) in protection domain '%s'", m->mr,
                   ull(va), ull(va + size), o->mr, ull(o->vaddr), ull(o->vaddr + osize),
                   pd->name ? pd->name : "");
        diag_note(o->vaddr_at, "the other map is here");
        return false;
    }
    return true;
}

// A map whose vaddr is refused is marked so (vaddr_ok cleared): later maps
// are not compared with it.
static void
check_maps(struct system *sys, int npds)
{
    for (int p = 0; p < npds; p++) {
        const struct pd *pd = &sys->pd[p];
        for (int i = 0; i < pd->nmap; i++) {
            struct map *m = &pd->map[i];
            if (m->region < 0 || !sys->region[m->region].ok || !m->vaddr_ok)
                continue;
            const struct region *r = &sys->region[m->region];
            if (m->vaddr % r->page_size != 0) {
                diag_error(m->vaddr_at, "vaddr 0x%llx is not aligned to the page size 0x%llx of "
                           "memory region '%s'", ull(m->vaddr), ull(r->page_size), r->name);
                m->vaddr_ok = false;
                continue;
            }
            if (!check_map_range(sys, pd, i)) {
                m->vaddr_ok = false;
            }
            if (r->dma != NULL && !pd->dma_trusted) {
                diag_warning(m->mr_at, "memory region '%s' covers %s, a device that can read "
                             "and write all of memory by DMA (there is no IOMMU): '%s' is "
                             "trusted with every PD and the kernel; say so with "
                             "dma_trusted=\"true\"", r->name, r->dma, pd->name ? pd->name : "");
            }
        }
    }
}

void
check_memory(struct system *sys, int npds)
{
    resolve_names(sys, npds);
    for (int i = 0; i < sys->nregion; i++) {
        check_sizes(sys, npds, i);
        if (sys->region[i].ok && sys->region[i].has_phys) {
            check_phys(&sys->region[i]);
        }
    }
    check_overlaps(sys);
    check_maps(sys, npds);
}

void
check_maps_elf(const struct system *sys, int i)
{
    const struct pd *pd = &sys->pd[i];
    const char *svc = service_of(sys, pd);

    // The program may have grown the stack (__moat_stack_size): the maps
    // against it again (they passed against the description's).
    for (int j = 0; pd->stack_from_program && j < pd->nmap; j++) {
        int before = diag_count();
        check_map_range(sys, pd, j);
        if (diag_count() != before) {
            diag_note(pd->image_at, "the stack is 0x%llx bytes, as '%s' asks (__moat_stack_size)",
                      ull(pd->stack_size), pd->image);
        }
    }

    for (unsigned k = 0; svc != NULL && k < pd->elf.nseg; k++) {
        const struct elf_seg *s = &pd->elf.seg[k];
        uint64_t lo = s->va & ~(PAGE_SIZE - 1);
        uint64_t hi = (s->va + s->memsz + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
        if (overlap(lo, hi - lo, USER_IPC_WINDOW, USER_IPC_WINDOW_END - USER_IPC_WINDOW)) {
            diag_error(pd->image_at, "'%s': segment %u [0x%llx..0x%llx) overlaps with the IPC "
                       "window area of service '%s' [0x%lx..0x%lx)", pd->image, s->index, ull(lo),
                       ull(hi), svc, USER_IPC_WINDOW, USER_IPC_WINDOW_END);
        }
    }

    for (int j = 0; j < pd->nmap; j++) {
        const struct map *m = &pd->map[j];
        uint64_t size = sys->region[m->region].size;
        for (unsigned k = 0; k < pd->elf.nseg; k++) {
            const struct elf_seg *s = &pd->elf.seg[k];
            uint64_t lo = s->va & ~(PAGE_SIZE - 1);
            uint64_t hi = (s->va + s->memsz + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
            if (overlap(m->vaddr, size, lo, hi - lo)) {
                diag_error(m->vaddr_at, "map for '%s' has virtual address range [0x%llx..0x%llx) "
                           "which overlaps with segment %u [0x%llx..0x%llx) of '%s'", m->mr,
                           ull(m->vaddr), ull(m->vaddr + size), s->index, ull(lo), ull(hi),
                           pd->image);
                break;
            }
        }
    }
}
