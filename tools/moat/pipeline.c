// SPDX-License-Identifier: BSD-2-Clause
//
// The stages in order: XML -> struct system -> checks -> kernel -> PD
// programs (load, patch) -> layout and image. Each stage reports all it
// finds; the run stops after the first stage that found an error.
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "moat/image.h"
#include "xml.h"

// Patches one optional 8-byte configuration word.
static void
patch_word(struct pd *pd, const char *name, uint64_t v, const char *what)
{
    int missing = 0;
    unsigned char b[8];

    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(v >> (8 * i));
    }
    elf_patch(&pd->elf, name, b, sizeof b, pd->image_at, what, &missing);
}

static void
patch_pd(const struct system *sys, int self, struct pd *pd, const char *what)
{
    char name[MOAT_NAME_LEN] = {0};
    unsigned char passive = pd->passive;
    uint64_t ntfn = 0, pps = 0;
    int missing = 0;

    memcpy(name, pd->name, strnlen(pd->name, MOAT_NAME_LEN));
    if (elf_patch(&pd->elf, "microkit_name", name, sizeof name, pd->image_at, what, &missing) <
            0 && missing) {
        diag_error(pd->image_at, "%s: not a Microkit program (no symbol 'microkit_name')", what);
        return;
    }
    elf_patch(&pd->elf, "microkit_passive", &passive, 1, pd->image_at, what, &missing);
    for (int c = 0; c < sys->nch; c++) {
        for (int k = 0; k < 2; k++) {
            const struct end *e = &sys->ch[c].end[k];
            if (e->pd != self)
                continue;
            ntfn |= e->notify ? 1ULL << e->id : 0;
            pps |= e->pp ? 1ULL << e->id : 0;
        }
    }
    patch_word(pd, "microkit_notifications", ntfn, what);
    patch_word(pd, "microkit_pps", pps, what);
    patch_word(pd, "microkit_irqs", 0, what);
    patch_word(pd, "microkit_ioports", 0, what);
    for (int c = 0; c < sys->nch; c++) {
        for (int k = 0; k < 2; k++) {
            const struct end *e = &sys->ch[c].end[k];
            unsigned char b[8] = {(unsigned char)e->id};
            if (e->pd != self || e->setvar == NULL)
                continue;
            missing = 0;
            if (elf_patch(&pd->elf, e->setvar, b, sizeof b, e->setvar_at, what, &missing) < 0 &&
                missing) {
                diag_error(e->setvar_at, "%s: setvar_id symbol '%s' not found", what, e->setvar);
            }
        }
    }
}

static void
load_pd(const struct input *in, const struct system *sys, int i, uint64_t *budget)
{
    struct pd *pd = &sys->pd[i];
    unsigned char *data;
    size_t size;
    char what[300];
    int before = diag_count();

    snprintf(what, sizeof what, "'%s'", pd->image);
    if (in->read_file(in->ctx, pd->image, pd->image_at, &data, &size) < 0)
        return;
    if (elf_load(&pd->elf, data, size, pd->image_at, what, PAGE_SIZE,
                 USER_STACK_TOP - pd->stack_size - PAGE_SIZE, budget) < 0)
        return;
    if (pd->symbols != NULL) {
        snprintf(what, sizeof what, "'%s'", pd->symbols);
        if (in->read_file(in->ctx, pd->symbols, pd->symbols_at, &data, &size) < 0)
            return;
        if (elf_load_symbols(&pd->elf, data, size, pd->symbols_at, what) < 0)
            return;
    }
    if (diag_count() == before) {
        patch_pd(sys, i, pd, what);
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
    if (diag_count() == 0 && layout_build(&out->sys, &k, &out->layout) == 0) {
        failed = 0;
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
