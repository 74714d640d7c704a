// SPDX-License-Identifier: BSD-2-Clause
//
// Layout and image. Pages come from one growing buffer that starts at the
// first page after the header and are named by their physical address; a
// bump allocator hands them out, stepping over memory regions fixed in RAM.
// Nothing in the image depends on anything but the inputs, so the same
// inputs give the same bytes.
#include "layout.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "moat/image.h"

static uint64_t
align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

// Grows the buffer so that it covers [pages_pa, hi); new bytes are zero.
static void
cover(struct layout *l, uint64_t hi)
{
    size_t need = hi - l->pages_pa;

    if (need > l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64 * PAGE_SIZE;
        cap = cap < need ? need : cap;
        l->buf = realloc(l->buf, cap);
        if (l->buf == NULL) {
            abort();
        }
        memset(l->buf + l->cap, 0, cap - l->cap);
        l->cap = cap;
    }
    if (hi > l->end) {
        l->end = hi;
    }
}

// Allocates size bytes aligned to align (a power of two, at least a page),
// clear of fixed RAM regions. Returns the physical address, or 0 when the
// image would grow beyond IMAGE_MAX_SIZE.
static uint64_t
alloc(struct layout *l, const struct system *sys, uint64_t size, uint64_t align)
{
    uint64_t limit = IMAGE_LOAD_PA + IMAGE_MAX_SIZE;
    uint64_t a = align_up(l->next, align);

    for (int i = 0; i < sys->nregion; i++) {
        const struct region *r = &sys->region[i];
        if (r->has_phys && !r->device && a < r->phys + r->size && r->phys < a + size) {
            a = align_up(r->phys + r->size, align);
            i = -1; // look at every region again
        }
        if (a > limit || size > limit - a)
            return 0;
    }
    if (a > limit || size > limit - a)
        return 0;
    cover(l, a + size);
    l->next = a + size;
    return a;
}

static unsigned char *
page_at(struct layout *l, uint64_t pa)
{
    return l->buf + (pa - l->pages_pa);
}

static uint64_t
pte_get(struct layout *l, uint64_t table, unsigned i)
{
    uint64_t v;

    memcpy(&v, page_at(l, table) + i * 8, 8);
    return v;
}

static void
pte_set(struct layout *l, uint64_t table, unsigned i, uint64_t v)
{
    memcpy(page_at(l, table) + i * 8, &v, 8);
}

static uint64_t
pte_pa(uint64_t pte)
{
    return (pte >> PTE_PPN_SHIFT) << 12;
}

static uint64_t
leaf_bits(unsigned perms)
{
    return PTE_V | PTE_U | PTE_A | PTE_D | ((perms & PF_R) ? PTE_R : 0) |
           ((perms & PF_W) ? PTE_W : 0) | ((perms & PF_X) ? PTE_X : 0);
}

// Maps one user page with a leaf at `level` (0: 4 KiB, 1: 2 MiB); allocates
// missing tables. Returns 0 or -1 (full).
static int
map_page(struct layout *l, const struct system *sys, struct pd_map *m, uint64_t root, uint64_t va,
         uint64_t pa, uint64_t leaf, int level)
{
    uint64_t table = root;

    for (int lv = 2; lv > level; lv--) {
        unsigned i = (va >> (12 + 9 * lv)) & 511;
        uint64_t pte = pte_get(l, table, i);
        if (!(pte & PTE_V)) {
            uint64_t t = alloc(l, sys, PAGE_SIZE, PAGE_SIZE);
            if (t == 0)
                return -1;
            m->ntables++;
            pte = ((t >> 12) << PTE_PPN_SHIFT) | PTE_V;
            pte_set(l, table, i, pte);
        }
        table = pte_pa(pte);
    }
    pte_set(l, table, (va >> (12 + 9 * level)) & 511, ((pa >> 12) << PTE_PPN_SHIFT) | leaf);
    return 0;
}

static struct mapping *
add_mapping(struct pd_map *m)
{
    m->map = realloc(m->map, (m->nmap + 1) * sizeof *m->map);
    if (m->map == NULL) {
        abort();
    }
    return &m->map[m->nmap++];
}

// Records a page for the report, extending the previous run when it can.
static void
note_page(struct pd_map *m, uint64_t va, uint64_t pa, unsigned perms, const char *what,
          unsigned seg)
{
    struct mapping *last = m->nmap ? &m->map[m->nmap - 1] : NULL;

    if (last != NULL && last->va + last->size == va && last->pa + last->size == pa &&
        last->perms == perms && strcmp(last->what, what) == 0 && last->seg == seg) {
        last->size += PAGE_SIZE;
        return;
    }
    *add_mapping(m) = (struct mapping){va, pa, PAGE_SIZE, perms, what, seg, -1, true};
}

static int
by_va(const void *a, const void *b)
{
    const struct mapping *x = a, *y = b;

    return (x->va > y->va) - (x->va < y->va);
}

// Maps the PD's <map>s: every page of the region, 4 KiB or 2 MiB leaves.
static int
layout_maps(struct layout *l, const struct system *sys, const struct pd *pd, struct pd_map *m)
{
    for (int i = 0; i < pd->nmap; i++) {
        const struct map *mp = &pd->map[i];
        const struct region *r = &sys->region[mp->region];
        int level = r->page_size == LARGE_PAGE ? 1 : 0;
        for (uint64_t off = 0; off < r->size; off += r->page_size) {
            if (map_page(l, sys, m, pd->root_pa, mp->vaddr + off, r->pa + off,
                         leaf_bits(mp->perms), level) < 0)
                return -1;
        }
        *add_mapping(m) = (struct mapping){mp->vaddr, r->pa, r->size, mp->perms, "map", 0,
                                           mp->region, mp->cached};
    }
    return 0;
}

// The IPC windows of the service PD pd provides: a zeroed page per client,
// mapped at each of the window's IPC_WINDOW_PAGES pages (abi.h) without V (the
// kernel sets V to grant the window and clears it to revoke, and points the
// first two at a shared buffer's pages). Not in any reset list.
static int
layout_windows(struct layout *l, const struct system *sys, const struct pd *pd,
               struct pd_map *m)
{
    for (int c = 0; pd->service >= 0 && c < sys->npds; c++) {
        if (!(sys->service[pd->service].clients >> c & 1))
            continue;
        m->window_pa[c] = alloc(l, sys, PAGE_SIZE, PAGE_SIZE);
        if (m->window_pa[c] == 0)
            return -1;
        for (uint64_t k = 0; k < IPC_WINDOW_PAGES; k++) {
            if (map_page(l, sys, m, pd->root_pa,
                         USER_IPC_WINDOW + ((uint64_t)c * IPC_WINDOW_PAGES + k) * PAGE_SIZE,
                         m->window_pa[c], PTE_R | PTE_W | PTE_U | PTE_A | PTE_D, 0) < 0)
                return -1;
        }
    }
    return 0;
}

// Allocates and fills one PD's pages and tables.
static int
layout_pd(struct layout *l, const struct system *sys, struct pd *pd, struct pd_map *m)
{
    uint64_t root = alloc(l, sys, PAGE_SIZE, PAGE_SIZE);
    uint64_t stack_lo = USER_STACK_TOP - pd->stack_size;
    size_t nfixed;

    if (root == 0)
        return -1;
    m->ntables = 1;
    pd->root_pa = root;
    for (size_t i = 0; i < pd->elf.npage; i++) {
        const struct elf_page *pg = &pd->elf.page[i];
        uint64_t pa = alloc(l, sys, PAGE_SIZE, PAGE_SIZE);
        if (pa == 0)
            return -1;
        memcpy(page_at(l, pa), pg->data, PAGE_SIZE);
        note_page(m, pg->va, pa, pg->perms, "segment", pd->elf.seg[pg->seg].index);
    }
    for (uint64_t va = stack_lo; va < USER_STACK_TOP; va += PAGE_SIZE) {
        uint64_t pa = alloc(l, sys, PAGE_SIZE, PAGE_SIZE);
        if (pa == 0)
            return -1;
        note_page(m, va, pa, PF_R | PF_W, "stack", 0);
    }
    pd->ipcbuf_pa = alloc(l, sys, PAGE_SIZE, PAGE_SIZE);
    if (pd->ipcbuf_pa == 0)
        return -1;
    note_page(m, USER_IPCBUF, pd->ipcbuf_pa, PF_R | PF_W, "ipc buffer", 0);
    // Each run noted above is contiguous in both address spaces.
    nfixed = m->nmap;
    for (size_t i = 0; i < nfixed; i++) {
        for (uint64_t off = 0; off < m->map[i].size; off += PAGE_SIZE) {
            if (map_page(l, sys, m, root, m->map[i].va + off, m->map[i].pa + off,
                         leaf_bits(m->map[i].perms), 0) < 0)
                return -1;
        }
    }
    if (layout_maps(l, sys, pd, m) < 0 || layout_windows(l, sys, pd, m) < 0)
        return -1;
    qsort(m->map, m->nmap, sizeof *m->map, by_va);
    // The root's kernel half (KERNEL_PT_FIRST..) stays empty: the kernel
    // fills it at boot with its own mappings.
    return 0;
}

// Appends a reset step, extending the previous one when both copy from
// contiguous pristine pages to contiguous pages.
static void
add_reset(struct pd_map *m, uint64_t dst, uint64_t src, uint64_t size)
{
    struct image_reset *last = m->nreset ? &m->reset[m->nreset - 1] : NULL;

    if (last != NULL && src != 0 && last->src_pa != 0 && last->dst_pa + last->size == dst &&
        last->src_pa + last->size == src) {
        last->size += size;
        return;
    }
    m->reset = realloc(m->reset, (m->nreset + 1) * sizeof *m->reset);
    if (m->reset == NULL) {
        abort();
    }
    m->reset[m->nreset++] = (struct image_reset){dst, src, size};
}

// A child's (or a self-resetting PD's) reset list, from its mappings in address order: every writable
// program run with a pristine copy of its pages as patched, then the stack
// and the IPC buffer, to be zero-filled. Returns 0 or -1 (full).
static int
layout_reset(struct layout *l, const struct system *sys, struct pd_map *m)
{
    size_t bytes;

    for (size_t i = 0; i < m->nmap; i++) {
        const struct mapping *mp = &m->map[i];
        uint64_t src = 0;
        if (mp->region >= 0 || !(mp->perms & PF_W))
            continue;
        if (strcmp(mp->what, "segment") == 0) {
            src = alloc(l, sys, mp->size, PAGE_SIZE);
            if (src == 0)
                return -1;
            memcpy(page_at(l, src), page_at(l, mp->pa), mp->size);
        }
        add_reset(m, mp->pa, src, mp->size);
    }
    bytes = m->nreset * sizeof *m->reset;
    m->reset_pa = alloc(l, sys, align_up(bytes, PAGE_SIZE), PAGE_SIZE);
    if (m->reset_pa == 0)
        return -1;
    memcpy(page_at(l, m->reset_pa), m->reset, bytes);
    return 0;
}

// Channel ends and interrupts into the header's tables.
static void
fill_channels(const struct system *sys, struct image_hdr *hdr, struct image_pd *ipd)
{
    for (int c = 0; c < sys->nch; c++) {
        const struct channel *ch = &sys->ch[c];
        for (int k = 0; k < 2; k++) {
            const struct end *e = &ch->end[k], *o = &ch->end[1 - k];
            struct image_chan *ic = &ipd[e->pd].ch[e->id];
            ic->flags = CH_VALID | (e->notify ? CH_NOTIFY : 0) | (e->pp ? CH_PPC : 0) |
                        (o->pp ? CH_CALLEE : 0);
            ic->peer = (uint8_t)o->pd;
            ic->peer_id = (uint8_t)o->id;
        }
    }
    for (int p = 0; p < sys->npds; p++) {
        for (int i = 0; i < sys->pd[p].nirq; i++) {
            const struct irq *q = &sys->pd[p].irq[i];
            ipd[p].ch[q->id] = (struct image_chan){.flags = CH_VALID | CH_IRQ,
                                                   .peer_id = (uint8_t)q->irq};
            hdr->irq[q->irq] = (struct image_irq){1, (uint8_t)p, (uint8_t)q->id, q->edge};
        }
    }
}

// The domain schedule's cycle, the entries before its first end marker
// (check_system() made it valid: 1..IMAGE_MAX_DOMSCHED - 1 entries and a
// start in it). Entries after the marker never run and are not written.
// Without <domains> everything stays 0: no schedule.
static void
fill_domains(const struct system *sys, struct image_hdr *hdr)
{
    const struct domains *d = &sys->dom;

    if (!d->present)
        return;
    hdr->ndomsched = (uint32_t)d->ncycle;
    hdr->domstart = (uint32_t)d->start;
    for (int i = 0; i < d->ncycle; i++) {
        hdr->domsched[i].ticks = d->entry[i].ticks;
        hdr->domsched[i].domain = (uint8_t)d->dom[d->entry[i].domain].id;
    }
}

static bool
zero_page(const unsigned char *p)
{
    for (size_t i = 0; i < PAGE_SIZE; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

static void
write_image(const struct system *sys, const struct kernel *k, struct layout *l)
{
    size_t hdr_off = k->end - IMAGE_LOAD_PA;
    struct image_hdr hdr = {.magic = IMAGE_MAGIC, .version = IMAGE_VERSION,
                            .npds = (uint32_t)sys->npds, .hdr_size = sizeof hdr,
                            .pd_size = sizeof(struct image_pd)};
    struct image_pd *ipd = calloc((size_t)sys->npds, sizeof *ipd);

    if (ipd == NULL) {
        abort();
    }
    l->size = l->end - IMAGE_LOAD_PA;
    l->image = calloc(1, l->size);
    if (l->image == NULL) {
        abort();
    }
    memcpy(l->image, k->bytes, hdr_off);
    for (int i = 0; i < sys->npds; i++) {
        const struct pd *pd = &sys->pd[i];
        memcpy(ipd[i].name, pd->name, strnlen(pd->name, MOAT_NAME_LEN));
        ipd[i].root_pa = pd->root_pa;
        ipd[i].entry = pd->elf.entry;
        ipd[i].sp = USER_STACK_TOP;
        ipd[i].ipcbuf_pa = pd->ipcbuf_pa;
        ipd[i].stack_lo = USER_STACK_TOP - pd->stack_size;
        ipd[i].prio = (uint8_t)pd->prio;
        ipd[i].passive = pd->passive;
        ipd[i].budget_us = (uint32_t)pd->budget; // sdf.c keeps both in range
        ipd[i].period_us = (uint32_t)pd->period;
        ipd[i].fpu = pd->fpu;
        ipd[i].cpu = (uint8_t)pd->cpu; // check.c: < ncpus
        ipd[i].domain = pd->domain >= 0 ? (uint8_t)sys->dom.dom[pd->domain].id : 0;
        ipd[i].parent = pd->parent < 0 ? IMAGE_NO_PARENT : (uint8_t)pd->parent;
        ipd[i].child_id = (uint8_t)pd->child_id;
        for (int j = 0; j < pd->ncap; j++) {
            const struct cap *c = &pd->cap[j]; // check.c: slot and pd valid
            ipd[i].cap[c->slot] = (uint8_t)(c->kind | (unsigned)c->pd);
        }
        ipd[i].nreset = (uint32_t)l->pd[i].nreset;
        ipd[i].reset_pa = l->pd[i].reset_pa;
        if (pd->service >= 0) {
            const struct service *s = &sys->service[pd->service];
            memcpy(ipd[i].service, s->name, strnlen(s->name, MOAT_NAME_LEN));
            ipd[i].clients = s->clients;
            ipd[i].copy_clients = s->copy_clients;
        }
    }
    fill_channels(sys, &hdr, ipd);
    fill_domains(sys, &hdr);
    hdr.size = l->size;
    memcpy(l->image + (l->pages_pa - IMAGE_LOAD_PA), l->buf, l->end - l->pages_pa);
    // The file stops after its last page that is not all zeros (the kernel
    // zeroes the rest): never before the header and the PD table.
    size_t keep = hdr_off + sizeof hdr + (size_t)sys->npds * sizeof *ipd;
    l->file_size = l->size;
    while (l->file_size > keep && l->file_size >= PAGE_SIZE &&
           zero_page(l->image + l->file_size - PAGE_SIZE)) {
        l->file_size -= PAGE_SIZE;
    }
    if (l->file_size < keep) {
        l->file_size = (keep + PAGE_SIZE - 1) / PAGE_SIZE * PAGE_SIZE;
    }
    hdr.file_size = l->file_size;
    int owner;
    bool by_irq;
    hdr.flags = layout_console_input(sys, &owner, &by_irq) ? IMAGE_F_CONSOLE_INPUT : 0;
    hdr.ncpus = sys->ncpus ? sys->ncpus : 1;
    memcpy(l->image + hdr_off, &hdr, sizeof hdr);
    memcpy(l->image + hdr_off + sizeof hdr, ipd, (size_t)sys->npds * sizeof *ipd);
    free(ipd);
}

bool
layout_console_input(const struct system *sys, int *pd, bool *irq)
{
    for (int i = 0; i < sys->npds; i++) {
        const struct pd *p = &sys->pd[i];
        *pd = i;
        *irq = true;
        for (int k = 0; k < p->nirq; k++) {
            if (p->irq[k].irq == IMAGE_UART_IRQ) {
                return false;
            }
        }
        *irq = false;
        for (int k = 0; k < p->nmap; k++) {
            const struct region *r = p->map[k].region >= 0 ? &sys->region[p->map[k].region] : NULL;
            if (r != NULL && r->has_phys && r->phys <= IMAGE_UART_PA &&
                IMAGE_UART_PA - r->phys < r->size) {
                return false;
            }
        }
    }
    *pd = -1;
    return true;
}

int
layout_regions(struct system *sys, const struct kernel *k, struct layout *l)
{
    size_t hdr = sizeof(struct image_hdr) + (size_t)sys->npds * sizeof(struct image_pd);
    int before = diag_count();

    *l = (struct layout){.kernel_end = k->end, .hdr_pa = k->end, .npds = sys->npds};
    l->pages_pa = k->end + align_up(hdr, PAGE_SIZE);
    l->next = l->end = l->pages_pa;
    for (int i = 0; i < sys->nregion; i++) {
        struct region *r = &sys->region[i];
        if (!r->has_phys || r->device)
            continue;
        if (r->phys < l->pages_pa) {
            diag_error(r->phys_at, "memory region '%s' physical address range [0x%llx..0x%llx) "
                       "overlaps the kernel and the image header [0x%lx..0x%llx)", r->name,
                       (unsigned long long)r->phys, (unsigned long long)(r->phys + r->size),
                       IMAGE_LOAD_PA, (unsigned long long)l->pages_pa);
            continue;
        }
        cover(l, r->phys + r->size);
        r->pa = r->phys;
    }
    for (int i = 0; i < sys->nregion && diag_count() == before; i++) {
        struct region *r = &sys->region[i];
        if (r->device) {
            r->pa = r->phys;
        } else if (!r->has_phys) {
            r->pa = alloc(l, sys, r->size, r->page_size);
            if (r->pa == 0) {
                diag_error(r->at, "the image does not fit in %lu MiB (memory region '%s')",
                           IMAGE_MAX_SIZE >> 20, r->name);
            }
        }
        if (r->data != NULL && r->pa != 0) {
            memcpy(page_at(l, r->pa), r->data, r->data_len);
        }
    }
    return diag_count() == before ? 0 : -1;
}

int
layout_build(struct system *sys, const struct kernel *k, struct layout *l)
{
    l->pd = calloc((size_t)sys->npds, sizeof *l->pd);
    if (l->pd == NULL) {
        abort();
    }
    // Two passes: every PD's pages and tables, then the reset data of the
    // children and of the PDs that may reset themselves.
    for (int i = 0; i < 2 * sys->npds; i++) {
        int p = i % sys->npds;
        if (i < sys->npds ? layout_pd(l, sys, &sys->pd[p], &l->pd[p]) < 0
                          : (sys->pd[p].parent >= 0 || sys->pd[p].self_reset) &&
                                layout_reset(l, sys, &l->pd[p]) < 0) {
            diag_error(sys->pd[p].at, "the image does not fit in %lu MiB (protection domain "
                       "'%s')", IMAGE_MAX_SIZE >> 20, sys->pd[p].name);
            return -1;
        }
    }
    write_image(sys, k, l);
    return 0;
}

void
layout_free(struct layout *l)
{
    for (int i = 0; l->pd != NULL && i < l->npds; i++) {
        free(l->pd[i].map);
        free(l->pd[i].reset);
    }
    free(l->pd);
    free(l->image);
    free(l->buf);
    *l = (struct layout){0};
}
