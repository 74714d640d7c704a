// SPDX-License-Identifier: BSD-2-Clause
//
// Layout and image. Pages are appended to one growing buffer and named by
// their physical address; nothing in the image depends on anything but the
// inputs, so the same inputs give the same bytes.
#include "layout.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "moat/image.h"

struct pages {
    unsigned char *buf;
    size_t n, cap;
    uint64_t base;  // physical address of page 0
    uint64_t limit; // pages beyond this physical address do not fit the image
};

static uint64_t
page_alloc(struct pages *p)
{
    if (p->base + (p->n + 1) * PAGE_SIZE > p->limit)
        return 0;
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->buf = realloc(p->buf, p->cap * PAGE_SIZE);
        if (p->buf == NULL) {
            abort();
        }
    }
    memset(p->buf + p->n * PAGE_SIZE, 0, PAGE_SIZE);
    return p->base + p->n++ * PAGE_SIZE;
}

static unsigned char *
page_at(struct pages *p, uint64_t pa)
{
    return p->buf + (pa - p->base);
}

static uint64_t
pte_get(struct pages *p, uint64_t table, unsigned i)
{
    uint64_t v;

    memcpy(&v, page_at(p, table) + i * 8, 8);
    return v;
}

static void
pte_set(struct pages *p, uint64_t table, unsigned i, uint64_t v)
{
    memcpy(page_at(p, table) + i * 8, &v, 8);
}

static uint64_t
pte_pa(uint64_t pte)
{
    return (pte >> PTE_PPN_SHIFT) << 12;
}

// Maps one user page; allocates missing tables. Returns 0 or -1 (full).
static int
map_page(struct pages *p, struct pd_map *m, uint64_t root, uint64_t va, uint64_t pa,
         unsigned perms)
{
    uint64_t table = root;
    uint64_t leaf = PTE_V | PTE_U | PTE_A | PTE_D | PTE_R;

    for (int level = 2; level > 0; level--) {
        unsigned i = (va >> (12 + 9 * level)) & 511;
        uint64_t pte = pte_get(p, table, i);
        if (!(pte & PTE_V)) {
            uint64_t t = page_alloc(p);
            if (t == 0)
                return -1;
            m->ntables++;
            pte = ((t >> 12) << PTE_PPN_SHIFT) | PTE_V;
            pte_set(p, table, i, pte);
        }
        table = pte_pa(pte);
    }
    if (perms & PF_W) {
        leaf |= PTE_W;
    }
    if (perms & PF_X) {
        leaf |= PTE_X;
    }
    pte_set(p, table, (va >> 12) & 511, ((pa >> 12) << PTE_PPN_SHIFT) | leaf);
    return 0;
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
    m->map = realloc(m->map, (m->nmap + 1) * sizeof *m->map);
    if (m->map == NULL) {
        abort();
    }
    m->map[m->nmap++] = (struct mapping){va, pa, PAGE_SIZE, perms, what, seg};
}

// Allocates and fills one PD's pages and tables.
static int
layout_pd(struct pages *p, struct pd *pd, struct pd_map *m)
{
    uint64_t root = page_alloc(p);
    uint64_t stack_lo = USER_STACK_TOP - pd->stack_size;
    size_t first = p->n;

    if (root == 0)
        return -1;
    m->ntables = 1;
    pd->root_pa = root;
    for (size_t i = 0; i < pd->elf.npage; i++) {
        const struct elf_page *pg = &pd->elf.page[i];
        uint64_t pa = page_alloc(p);
        if (pa == 0)
            return -1;
        memcpy(page_at(p, pa), pg->data, PAGE_SIZE);
        note_page(m, pg->va, pa, pg->perms, "segment", pd->elf.seg[pg->seg].index);
    }
    for (uint64_t va = stack_lo; va < USER_STACK_TOP; va += PAGE_SIZE) {
        uint64_t pa = page_alloc(p);
        if (pa == 0)
            return -1;
        note_page(m, va, pa, PF_R | PF_W, "stack", 0);
    }
    pd->ipcbuf_pa = page_alloc(p);
    if (pd->ipcbuf_pa == 0)
        return -1;
    note_page(m, USER_IPCBUF, pd->ipcbuf_pa, PF_R | PF_W, "ipc buffer", 0);
    // The data pages are contiguous from `first`, in the order just noted.
    uint64_t pa = p->base + first * PAGE_SIZE;
    for (size_t i = 0; i < m->nmap; i++) {
        for (uint64_t off = 0; off < m->map[i].size; off += PAGE_SIZE) {
            if (map_page(p, m, root, m->map[i].va + off, pa, m->map[i].perms) < 0)
                return -1;
            pa += PAGE_SIZE;
        }
    }
    for (unsigned i = 0; i < KERNEL_PT_COUNT; i++) {
        uint64_t ppn = (uint64_t)i << 18; // i GiB
        pte_set(p, root, KERNEL_PT_FIRST + i,
                (ppn << PTE_PPN_SHIFT) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_G | PTE_A | PTE_D);
    }
    return 0;
}

static void
fill_channels(const struct system *sys, struct image_pd *ipd)
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
}

static void
write_image(const struct system *sys, const struct kernel *k, struct pages *p, struct layout *l)
{
    size_t hdr_off = k->end - IMAGE_LOAD_PA;
    struct image_hdr hdr = {.magic = IMAGE_MAGIC, .version = IMAGE_VERSION,
                            .npds = (uint32_t)sys->npds};
    struct image_pd *ipd = calloc((size_t)sys->npds, sizeof *ipd);

    if (ipd == NULL) {
        abort();
    }
    l->size = (p->base - IMAGE_LOAD_PA) + p->n * PAGE_SIZE;
    l->image = calloc(1, l->size);
    if (l->image == NULL) {
        abort();
    }
    memcpy(l->image, k->bytes, hdr_off);
    for (int i = 0; i < sys->npds; i++) {
        const struct pd *pd = &sys->pd[i];
        size_t n = strlen(pd->name);
        memcpy(ipd[i].name, pd->name, n < MOAT_NAME_LEN ? n : MOAT_NAME_LEN);
        ipd[i].root_pa = pd->root_pa;
        ipd[i].entry = pd->elf.entry;
        ipd[i].sp = USER_STACK_TOP;
        ipd[i].ipcbuf_pa = pd->ipcbuf_pa;
        ipd[i].stack_lo = USER_STACK_TOP - pd->stack_size;
        ipd[i].prio = (uint8_t)pd->prio;
        ipd[i].passive = pd->passive;
    }
    fill_channels(sys, ipd);
    hdr.size = l->size;
    memcpy(l->image + hdr_off, &hdr, sizeof hdr);
    memcpy(l->image + hdr_off + sizeof hdr, ipd, (size_t)sys->npds * sizeof *ipd);
    memcpy(l->image + (p->base - IMAGE_LOAD_PA), p->buf, p->n * PAGE_SIZE);
    free(ipd);
}

int
layout_build(struct system *sys, const struct kernel *k, struct layout *l)
{
    size_t hdr = sizeof(struct image_hdr) + (size_t)sys->npds * sizeof(struct image_pd);
    struct pages p = {0};

    *l = (struct layout){.kernel_end = k->end, .hdr_pa = k->end, .npds = sys->npds};
    p.base = k->end + ((hdr + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
    p.limit = IMAGE_LOAD_PA + IMAGE_MAX_SIZE;
    l->pages_pa = p.base;
    l->pd = calloc((size_t)sys->npds, sizeof *l->pd);
    if (l->pd == NULL) {
        abort();
    }
    for (int i = 0; i < sys->npds; i++) {
        if (p.base > p.limit || layout_pd(&p, &sys->pd[i], &l->pd[i]) < 0) {
            diag_error(sys->pd[i].at, "the image does not fit in %lu MiB (protection domain "
                       "'%s')", IMAGE_MAX_SIZE >> 20, sys->pd[i].name);
            free(p.buf);
            return -1;
        }
    }
    write_image(sys, k, &p, l);
    free(p.buf);
    return 0;
}

void
layout_free(struct layout *l)
{
    for (int i = 0; l->pd != NULL && i < l->npds; i++) {
        free(l->pd[i].map);
    }
    free(l->pd);
    free(l->image);
    *l = (struct layout){0};
}
