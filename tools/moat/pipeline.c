// SPDX-License-Identifier: BSD-2-Clause
//
// The stages in order: XML -> struct system -> prefill files -> checks ->
// kernel -> PD programs -> memory regions placed -> programs patched (setvars
// need the regions' physical addresses) -> layout and image. Each stage reports all it
// finds; the run stops after the first stage that found an error.
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "moat/image.h"
#include "moat/tockdrv.h"
#include "xml.h"

static void
word(unsigned char b[8], uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(v >> (8 * i));
    }
}

// Patches one optional 8-byte configuration word.
static void
patch_word(struct pd *pd, const char *name, uint64_t v, const char *what)
{
    int missing = 0;
    unsigned char b[8];

    word(b, v);
    elf_patch(&pd->elf, name, b, sizeof b, pd->image_at, what, &missing);
}

// Patches the symbol a setvar attribute `attr` names; it must exist.
static void
setvar(struct pd *pd, const char *sym, uint64_t v, struct loc at, const char *attr,
       const char *what)
{
    int missing = 0;
    unsigned char b[8];

    if (sym == NULL)
        return;
    word(b, v);
    if (elf_patch(&pd->elf, sym, b, sizeof b, at, what, &missing) < 0 && missing) {
        diag_error(at, "%s: %s symbol '%s' not found", what, attr, sym);
    }
}

static void
u32(unsigned char *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b[i] = (unsigned char)(v >> (8 * i));
}

// The tables of moat/tockdrv.h: in a client of Tock drivers, the drivers and
// its channels to them; in a driver's PD, its number and clients.
static void
patch_tock(const struct system *sys, int self, struct pd *pd, const char *what)
{
    unsigned char t[sizeof(struct tockdrv_table)] = {0};
    unsigned char d[sizeof(struct tockdrv_clients)] = {0};
    uint32_t n = 0;
    int missing = 0;

    for (int i = 0; i < sys->nservice; i++) {
        const struct service *s = &sys->service[i];
        if (!s->tock_ok)
            continue;
        for (int j = 0; j < s->nclient; j++) {
            const struct client *c = &s->client[j];
            if (c->pd == self) {
                u32(t + offsetof(struct tockdrv_table, d) + 8 * n, s->tock_num);
                u32(t + offsetof(struct tockdrv_table, d) + 8 * n + 4, c->ch);
                n++;
            } else if (s->pd == self && (s->clients >> c->pd & 1)) {
                d[offsetof(struct tockdrv_clients, client) + c->drv_ch] =
                    (unsigned char)(c->pd + 1);
            }
        }
        if (s->pd == self) {
            u32(d, s->tock_num);
            if (elf_patch(&pd->elf, "__moat_tockdrv", d, sizeof d, pd->image_at, what,
                          &missing) < 0 && missing) {
                diag_error(pd->image_at, "%s serves Tock driver %#x but is not built with "
                           "libtockdrv (no symbol '__moat_tockdrv')", what, s->tock_num);
            }
        }
    }
    if (n == 0)
        return;
    u32(t, n);
    if (elf_patch(&pd->elf, "__moat_tock_drivers", t, sizeof t, pd->image_at, what, &missing) <
            0 && missing) {
        diag_error(pd->image_at, "%s is a client of Tock drivers but not a libtock program (no "
                   "symbol '__moat_tock_drivers')", what);
    }
}

static void
patch_pd(const struct system *sys, int self, struct pd *pd)
{
    char name[MOAT_NAME_LEN] = {0}, what[300];
    unsigned char passive = pd->passive;
    uint64_t ntfn = 0, pps = 0, irqs = 0;
    int missing = 0;

    snprintf(what, sizeof what, "'%s'", pd->symbols ? pd->symbols : pd->image);
    memcpy(name, pd->name, strnlen(pd->name, MOAT_NAME_LEN));
    if (elf_patch(&pd->elf, "microkit_name", name, sizeof name, pd->image_at, what, &missing) <
            0 && missing) {
        diag_error(pd->image_at, "%s: not a Microkit program (no symbol 'microkit_name')", what);
        return;
    }
    elf_patch(&pd->elf, "microkit_passive", &passive, 1, pd->image_at, what, &missing);
    unsigned char self_reset = 0;
    missing = 0;
    elf_read(&pd->elf, "__moat_self_reset", &self_reset, 1, pd->image_at, what, &missing);
    pd->self_reset = !missing;
    for (int c = 0; c < sys->nch; c++) {
        for (int k = 0; k < 2; k++) {
            const struct end *e = &sys->ch[c].end[k];
            if (e->pd != self)
                continue;
            ntfn |= e->notify ? 1ULL << e->id : 0;
            pps |= e->pp ? 1ULL << e->id : 0;
        }
    }
    for (int i = 0; i < pd->nirq; i++) {
        irqs |= 1ULL << pd->irq[i].id;
    }
    patch_word(pd, "microkit_notifications", ntfn, what);
    patch_word(pd, "microkit_pps", pps, what);
    patch_word(pd, "microkit_irqs", irqs, what);
    patch_word(pd, "microkit_ioports", 0, what);
    for (int c = 0; c < sys->nch; c++) {
        for (int k = 0; k < 2; k++) {
            const struct end *e = &sys->ch[c].end[k];
            if (e->pd == self) {
                setvar(pd, e->setvar, e->id, e->setvar_at, "setvar_id", what);
            }
        }
    }
    for (int i = 0; i < pd->nmap; i++) {
        const struct map *m = &pd->map[i];
        setvar(pd, m->setvar_vaddr, m->vaddr, m->svaddr_at, "setvar_vaddr", what);
        setvar(pd, m->setvar_size, sys->region[m->region].size, m->ssize_at, "setvar_size", what);
        setvar(pd, m->setvar_prefill_size, sys->region[m->region].data_len, m->sprefill_at,
               "setvar_prefill_size", what);
    }
    for (int i = 0; i < pd->nsetvar; i++) {
        const struct setvar *v = &pd->setvar[i];
        setvar(pd, v->symbol, sys->region[v->region].pa, v->symbol_at, "setvar", what);
    }
    for (int i = 0; i < pd->nirq; i++) {
        setvar(pd, pd->irq[i].setvar, pd->irq[i].id, pd->irq[i].setvar_at, "setvar_id", what);
    }
    for (int i = self + 1; i < sys->npds; i++) {
        const struct pd *c = &sys->pd[i];
        if (c->parent == self) {
            setvar(pd, c->setvar_id, c->child_id, c->setvar_id_at, "setvar_id", what);
        }
    }
    patch_tock(sys, self, pd, what);
}

// A program may ask for a bigger stack than its description gives, with an
// 8-byte symbol __moat_stack_size (a Rust PD's #[protection_domain(stack_size
// = N)], docs/rust.md): the stack is then that size, rounded up to a page,
// with its guard page below it as ever.
static void
program_stack(struct pd *pd, const char *what)
{
    uint64_t want;
    int missing = 0;

    if (elf_read(&pd->elf, "__moat_stack_size", &want, sizeof want, pd->image_at, what,
                 &missing) < 0 || want <= pd->stack_size)
        return;
    if (want > STACK_SIZE_MAX) {
        diag_error(pd->image_at, "%s asks for a stack of 0x%llx bytes (__moat_stack_size), more "
                   "than 0x%lx", what, (unsigned long long)want, STACK_SIZE_MAX);
        return;
    }
    want = (want + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    const struct elf_seg *top = &pd->elf.seg[pd->elf.nseg - 1];
    if (top->va + top->memsz > USER_STACK_TOP - want - PAGE_SIZE) {
        diag_error(pd->image_at, "%s asks for a stack of 0x%llx bytes (__moat_stack_size), "
                   "which would overlap its segment %u", what, (unsigned long long)want,
                   top->index);
        return;
    }
    pd->stack_size = want;
    pd->stack_from_program = true;
}

static void
load_pd(const struct input *in, struct system *sys, int i, uint64_t *budget)
{
    struct pd *pd = &sys->pd[i];
    unsigned char *data;
    size_t size;
    char what[300];
    int before = diag_count();

    snprintf(what, sizeof what, "'%s'", pd->image);
    if (in->read_file(in->ctx, pd->image, "program image", pd->image_at, &data, &size) < 0)
        return;
    if (elf_load(&pd->elf, data, size, pd->image_at, what, PAGE_SIZE,
                 USER_STACK_TOP - pd->stack_size - PAGE_SIZE, budget) < 0)
        return;
    if (pd->symbols != NULL) {
        snprintf(what, sizeof what, "'%s'", pd->symbols);
        if (in->read_file(in->ctx, pd->symbols, "program image", pd->symbols_at, &data, &size) <
            0)
            return;
        if (elf_load_symbols(&pd->elf, data, size, pd->symbols_at, what) < 0)
            return;
    }
    program_stack(pd, what);
    if (diag_count() == before) {
        check_maps_elf(sys, i);
    }
}

// Reads every prefill file; a region without size takes the file's length
// rounded up to its page size.
static void
load_prefills(const struct input *in, struct system *sys)
{
    for (int i = 0; i < sys->nregion; i++) {
        struct region *r = &sys->region[i];
        uint64_t page = r->has_page ? r->page_size : PAGE_SIZE;
        if (r->prefill == NULL)
            continue;
        if (in->read_file(in->ctx, r->prefill, "prefill file", r->prefill_at, &r->data,
                          &r->data_len) < 0) {
            r->ok = false;
            continue;
        }
        if (r->data_len == 0) {
            diag_error(r->prefill_at, "prefill file '%s' is empty", r->prefill);
            r->ok = false;
        } else if (r->has_size && r->data_len > r->size) {
            diag_error(r->prefill_at, "prefill file '%s' (%zu bytes) is larger than memory region "
                       "'%s' (0x%llx bytes)", r->prefill, r->data_len, r->name ? r->name : "",
                       (unsigned long long)r->size);
            r->ok = false;
        } else if (!r->has_size) {
            r->size = (r->data_len + page - 1) & ~(page - 1);
        }
    }
}

int
pipeline_run(const struct input *in, struct output *out)
{
    struct xml x;
    struct kernel k = {0};
    char what[300];
    int failed = 1;

    *out = (struct output){0};
    diag_reset();
    if (xml_parse(&x, in->sdf_name, in->sdf, in->sdf_len) < 0) {
        xml_free(&x);
        return 1;
    }
    sdf_parse(&x, &out->sys);
    out->sys.ncpus = in->ncpus ? in->ncpus : 1;
    load_prefills(in, &out->sys);
    check_system(&out->sys);
    xml_free(&x);
    if (diag_count() > 0)
        return 1;
    snprintf(what, sizeof what, "kernel '%s'", in->kernel_name);
    if (elf_load_kernel(&k, in->kernel, in->kernel_len, what) < 0)
        return 1;
    uint64_t budget = IMAGE_MAX_SIZE - (k.end - IMAGE_LOAD_PA);
    for (int i = 0; i < out->sys.npds; i++) {
        load_pd(in, &out->sys, i, &budget);
    }
    if (diag_count() == 0 && layout_regions(&out->sys, &k, &out->layout) == 0) {
        for (int i = 0; i < out->sys.npds; i++) {
            patch_pd(&out->sys, i, &out->sys.pd[i]);
        }
        if (diag_count() == 0 && layout_build(&out->sys, &k, &out->layout) == 0) {
            failed = 0;
        }
    }
    elf_free_kernel(&k);
    return failed;
}

void
pipeline_free(struct output *out)
{
    sdf_free(&out->sys);
    layout_free(&out->layout);
}
