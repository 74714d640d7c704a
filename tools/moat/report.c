// SPDX-License-Identifier: BSD-2-Clause
//
// Report writer. Plain text, one fact per line, stable order (memory regions
// and PDs in XML order; per PD mappings by address, channels and irqs by local
// id, setvars as patched), so that golden copies can be compared with diff.
#include "report.h"

#include <inttypes.h>

#include "moat/image.h"

static void
report_pa(FILE *f, const struct layout *l, uint64_t pa)
{
    fprintf(f, "pa=0x%" PRIx64 " (+0x%" PRIx64 ")", pa, pa - l->pages_pa);
}

// A region's physical address: absolute when fixed, else as report_pa.
static void
report_region_pa(FILE *f, const struct layout *l, const struct region *r, uint64_t off)
{
    if (r->has_phys) {
        fprintf(f, "phys=0x%" PRIx64, r->pa + off);
    } else {
        report_pa(f, l, r->pa + off);
    }
}

static void
report_regions(FILE *f, const struct system *sys, const struct layout *l)
{
    fprintf(f, "\n== memory regions ==\ncount:          %d\n", sys->nregion);
    for (int i = 0; i < sys->nregion; i++) {
        const struct region *r = &sys->region[i];
        fprintf(f, "    '%s' size 0x%" PRIx64 " page 0x%" PRIx64 " %s ", r->name, r->size,
                r->page_size, r->device ? "device" : "RAM");
        report_region_pa(f, l, r, 0);
        fprintf(f, " %s", r->has_phys ? "fixed" : "allocated");
        if (r->dma != NULL) {
            fprintf(f, ", can master the bus (%s)", r->dma);
        }
        if (r->prefill != NULL) {
            fprintf(f, ", prefilled from '%s' (0x%zx bytes)\n", r->prefill, r->data_len);
        } else {
            fprintf(f, r->device ? "\n" : ", zero-filled\n");
        }
    }
}

static void
report_irqs(FILE *f, const struct pd *pd)
{
    fprintf(f, "    irqs:\n");
    for (unsigned id = 0; id < MOAT_MAX_CHANNELS; id++) {
        for (int i = 0; i < pd->nirq; i++) {
            const struct irq *q = &pd->irq[i];
            if (q->id == id) {
                fprintf(f, "        id %u -> irq %u, trigger %s\n", id, q->irq,
                        q->edge ? "edge" : "level");
            }
        }
    }
}

static void
report_setvars(FILE *f, const struct system *sys, const struct layout *l, int self)
{
    const struct pd *pd = &sys->pd[self];

    fprintf(f, "    setvars:\n");
    for (int c = 0; c < sys->nch; c++) {
        for (int k = 0; k < 2; k++) {
            const struct end *e = &sys->ch[c].end[k];
            if (e->pd == self && e->setvar != NULL) {
                fprintf(f, "        %s = 0x%x (setvar_id of channel id %u)\n", e->setvar, e->id,
                        e->id);
            }
        }
    }
    for (int i = 0; i < pd->nmap; i++) {
        const struct map *m = &pd->map[i];
        if (m->setvar_vaddr != NULL) {
            fprintf(f, "        %s = 0x%" PRIx64 " (setvar_vaddr of map '%s')\n", m->setvar_vaddr,
                    m->vaddr, m->mr);
        }
        if (m->setvar_size != NULL) {
            fprintf(f, "        %s = 0x%" PRIx64 " (setvar_size of map '%s')\n", m->setvar_size,
                    sys->region[m->region].size, m->mr);
        }
        if (m->setvar_prefill_size != NULL) {
            fprintf(f, "        %s = 0x%zx (setvar_prefill_size of map '%s')\n",
                    m->setvar_prefill_size, sys->region[m->region].data_len, m->mr);
        }
    }
    for (int i = 0; i < pd->nsetvar; i++) {
        const struct setvar *v = &pd->setvar[i];
        fprintf(f, "        %s = ", v->symbol);
        report_region_pa(f, l, &sys->region[v->region], 0);
        fprintf(f, " (region_paddr of '%s')\n", v->region_name);
    }
    for (int i = 0; i < pd->nirq; i++) {
        const struct irq *q = &pd->irq[i];
        if (q->setvar != NULL) {
            fprintf(f, "        %s = 0x%x (setvar_id of irq %u)\n", q->setvar, q->id, q->irq);
        }
    }
    for (int i = self + 1; i < sys->npds; i++) {
        const struct pd *c = &sys->pd[i];
        if (c->parent == self && c->setvar_id != NULL) {
            fprintf(f, "        %s = 0x%x (setvar_id of child '%s')\n", c->setvar_id, c->child_id,
                    c->name);
        }
    }
}

static void
report_channels(FILE *f, const struct system *sys, int self)
{
    fprintf(f, "    channels:\n");
    for (unsigned id = 0; id < MOAT_MAX_CHANNELS; id++) {
        for (int c = 0; c < sys->nch; c++) {
            for (int k = 0; k < 2; k++) {
                const struct end *e = &sys->ch[c].end[k], *o = &sys->ch[c].end[1 - k];
                if (e->pd != self || e->id != id)
                    continue;
                fprintf(f, "        id %u -> '%s' id %u: pp=%s notify=%s peer_pp=%s\n", id,
                        sys->pd[o->pd].name, o->id, e->pp ? "true" : "false",
                        e->notify ? "true" : "false", o->pp ? "true" : "false");
            }
        }
    }
}

// The PD tree: pd[] is in pre-order, so each PD is indented by its depth.
static void
report_tree(FILE *f, const struct system *sys)
{
    fprintf(f, "\n== hierarchy ==\n");
    for (int i = 0; i < sys->npds; i++) {
        int depth = 0;
        for (int p = sys->pd[i].parent; p >= 0; p = sys->pd[p].parent) {
            depth++;
        }
        fprintf(f, "%*s'%s'", 4 * depth, "", sys->pd[i].name);
        if (depth > 0) {
            fprintf(f, " (child id %u)", sys->pd[i].child_id);
        }
        fputc('\n', f);
    }
}

// Services in XML order, each with its clients by PD index.
static void
report_services(FILE *f, const struct system *sys, const struct layout *l)
{
    fprintf(f, "\n== services ==\ncount:          %d\n", sys->nservice);
    for (int i = 0; i < sys->nservice; i++) {
        const struct service *s = &sys->service[i];
        if (s->tock)
            fprintf(f, "    '%s' served by '%s' (index %d) for Tock driver %#x%s\n", s->name,
                    s->pd_name, s->pd, s->tock_num, s->clients ? "" : ", no clients");
        else
            fprintf(f, "    '%s' provided by '%s' (index %d)%s\n", s->name, s->pd_name, s->pd,
                    s->clients ? "" : ", no clients");
        for (int c = 0; c < sys->npds; c++) {
            if (!(s->clients >> c & 1))
                continue;
            fprintf(f, "        client '%s' (index %d, share=\"%s\"): window 0x%" PRIx64 " ",
                    sys->pd[c].name, c, s->copy_clients >> c & 1 ? "copy" : "map",
                    USER_IPC_WINDOW + (uint64_t)c * IPC_WINDOW_PAGES * PAGE_SIZE);
            report_pa(f, l, l->pd[s->pd].window_pa[c]);
            for (int j = 0; s->tock && j < s->nclient; j++) {
                if (s->client[j].pd == c)
                    fprintf(f, ", channel id %u -> id %u", s->client[j].ch, s->client[j].drv_ch);
            }
            fputc('\n', f);
        }
    }
}

// The <cspace> entries, in slot order, with the cptr a program names each by.
static void
report_caps(FILE *f, const struct system *sys, const struct pd *pd)
{
    static const char *const what[] = {"", "thread (TCB)", "scheduling context",
                                       "address space"};

    if (pd->ncap == 0)
        return;
    fprintf(f, "    cspace:\n");
    for (unsigned s = 1; s < IMAGE_CAP_SLOTS; s++) {
        for (int j = 0; j < pd->ncap; j++) {
            const struct cap *c = &pd->cap[j];
            if (c->slot != s)
                continue;
            fprintf(f, "        slot %2u (cptr 0x%016" PRIx64 "): %s of '%s'\n", s,
                    (uint64_t)s << CAP_ROOT_SHIFT, what[c->kind >> 6], sys->pd[c->pd].name);
        }
    }
}

static void
report_reset(FILE *f, const struct layout *l, int i)
{
    const struct pd_map *m = &l->pd[i];

    if (m->nreset == 0) {
        fprintf(f, "    reset list:   none (not a child, no self reset)\n");
        return;
    }
    fprintf(f, "    reset list:   %zu entries at ", m->nreset);
    report_pa(f, l, m->reset_pa);
    fputc('\n', f);
    for (size_t j = 0; j < m->nreset; j++) {
        const struct image_reset *r = &m->reset[j];
        fprintf(f, "        dst ");
        report_pa(f, l, r->dst_pa);
        if (r->src_pa != 0) {
            fprintf(f, " src ");
            report_pa(f, l, r->src_pa);
        } else {
            fprintf(f, " zero");
        }
        fprintf(f, " 0x%" PRIx64 "\n", r->size);
    }
}

// budget/period and what the kernel makes of them.
static void
report_budget(FILE *f, const struct pd *pd)
{
    char pc[SDF_PERCENT_LEN];

    fprintf(f, "    budget:       %" PRIu64 " us, period %" PRIu64 " us, %s of the CPU", pd->budget,
            pd->period, sdf_percent(pc, sdf_share(pd)));
    fprintf(f, sdf_capped(pd) ? " (capped)" : " (round-robin slices, not capped)");
    if (pd->passive) {
        fprintf(f, "; passive: calls run on the caller's budget, only init and notifications "
                "on this one");
    }
    fputc('\n', f);
}

// Shares of the CPU per priority, highest first, and in all; passive PDs
// apart (their calls run on their callers' budgets).
static void
report_time(FILE *f, const struct system *sys)
{
    uint64_t all = 0, all_capped = 0, passive = 0;
    int nall = 0, npassive = 0;
    char a[SDF_PERCENT_LEN], b[SDF_PERCENT_LEN];

    fprintf(f, "\n== time ==\n");
    for (int prio = MOAT_MAX_PRIO; prio >= 0; prio--) {
        uint64_t share = 0, capped = 0;
        int n = 0;
        for (int i = 0; i < sys->npds; i++) {
            const struct pd *pd = &sys->pd[i];
            if (pd->passive || pd->prio != (unsigned)prio)
                continue;
            share += sdf_share(pd);
            capped += sdf_capped(pd) ? sdf_share(pd) : 0;
            n++;
        }
        if (n == 0)
            continue;
        char label[16];
        snprintf(label, sizeof label, "priority %d:", prio);
        fprintf(f, "%-16s%d PD%s, %s of the CPU, %s capped\n", label, n, n == 1 ? "" : "s",
                sdf_percent(a, share), sdf_percent(b, capped));
        all += share;
        all_capped += capped;
        nall += n;
    }
    for (int i = 0; i < sys->npds; i++) {
        if (sys->pd[i].passive) {
            passive += sdf_share(&sys->pd[i]);
            npassive++;
        }
    }
    fprintf(f, "all:            %d PD%s, %s of the CPU, %s capped%s\n", nall, nall == 1 ? "" : "s",
            sdf_percent(a, all), sdf_percent(b, all_capped),
            all_capped > SDF_SHARE_ALL && sys->ncpus <= 1 ? ", more than the one core has" : "");
    fprintf(f, "passive:        %d PD%s, %s of the CPU for init and notifications\n", npassive,
            npassive == 1 ? "" : "s", sdf_percent(a, passive));
    // Several cores: each one's share (passive PDs not counted, as above).
    for (unsigned cpu = 0; sys->ncpus > 1 && cpu < sys->ncpus; cpu++) {
        uint64_t share = 0, capped = 0;
        int n = 0;
        char label[16];
        for (int i = 0; i < sys->npds; i++) {
            const struct pd *pd = &sys->pd[i];
            if (pd->passive || pd->cpu != cpu)
                continue;
            share += sdf_share(pd);
            capped += sdf_capped(pd) ? sdf_share(pd) : 0;
            n++;
        }
        snprintf(label, sizeof label, "cpu %u:", cpu);
        fprintf(f, "%-16s%d PD%s, %s of the core, %s capped%s\n", label, n, n == 1 ? "" : "s",
                sdf_percent(a, share), sdf_percent(b, capped),
                capped > SDF_SHARE_ALL ? ", more than the core has" : "");
    }
}

// A duration as microseconds (one decimal when it is not whole) and ticks.
_Static_assert(SDF_TICKS_PER_US == 10, "a tick is printed as a tenth of a microsecond");
static void
report_ticks(FILE *f, uint64_t ticks)
{
    fprintf(f, "%" PRIu64, ticks / SDF_TICKS_PER_US);
    if (ticks % SDF_TICKS_PER_US != 0) {
        fprintf(f, ".%" PRIu64, ticks % SDF_TICKS_PER_US);
    }
    fprintf(f, " us (%" PRIu64 " tick%s)", ticks, ticks == 1 ? "" : "s");
}

// part / whole in parts of SDF_SHARE_ALL, rounded down; part <= whole,
// whole > 0. The product needs more than 64 bits.
__extension__ typedef unsigned __int128 u128;
static uint64_t
cycle_share(uint64_t part, uint64_t whole)
{
    return (uint64_t)((u128)part * SDF_SHARE_ALL / whole);
}

// The domains in XML order with their ids and PDs, the schedule entry by
// entry, the cycle and each domain's share of it.
static void
report_domains(FILE *f, const struct system *sys)
{
    const struct domains *d = &sys->dom;
    char pc[SDF_PERCENT_LEN];

    fprintf(f, "\n== domains ==\n");
    if (!d->present) {
        fprintf(f, "count:          0 (no domain schedule: every PD may run at any time)\n");
        return;
    }
    fprintf(f, "count:          %d\n", d->ndom);
    for (int k = 0; k < d->ndom; k++) {
        int n = 0;
        fprintf(f, "    '%s' id %u%s:", d->dom[k].name, d->dom[k].id,
                d->dom[k].id_given ? "" : " (assigned)");
        for (int i = 0; i < sys->npds; i++) {
            if (sys->pd[i].domain == k) {
                fprintf(f, "%s '%s'", n++ ? "," : "", sys->pd[i].name);
            }
        }
        fprintf(f, n ? "\n" : " no protection domains\n");
    }
    fprintf(f, "schedule:       %d entr%s, start_index %" PRIu64 "\n", d->nentry,
            d->nentry == 1 ? "y" : "ies", d->start);
    if (d->has_shift) {
        fprintf(f, "index_shift:    %" PRIu64 " (checked, no effect: the schedule has a table of "
                "its own)\n", d->shift);
    }
    for (int i = 0; i < d->nentry; i++) {
        const struct sched_entry *e = &d->entry[i];
        char label[24];
        snprintf(label, sizeof label, "entry %d:", i);
        if (e->end) {
            fprintf(f, "    %-12send marker\n", label);
            continue;
        }
        fprintf(f, "    %-12s'%s' ", label, d->dom[e->domain].name);
        report_ticks(f, e->ticks);
        fprintf(f, i < d->ncycle ? "\n" : ", never runs (after the end marker)\n");
    }
    if (d->ncycle == 1) {
        fprintf(f, "cycle:          entry 0 alone, ");
    } else {
        fprintf(f, "cycle:          entries 0..%d from entry %" PRIu64 ", ", d->ncycle - 1,
                d->start);
    }
    report_ticks(f, d->cycle_ticks);
    fputc('\n', f);
    for (int k = 0; k < d->ndom; k++) {
        uint64_t t = 0;
        for (int i = 0; i < d->ncycle; i++) {
            t += d->entry[i].domain == k ? d->entry[i].ticks : 0;
        }
        fprintf(f, "    '%s' %s of the cycle", d->dom[k].name,
                sdf_percent(pc, cycle_share(t, d->cycle_ticks)));
        if (t > 0) {
            fprintf(f, ", ");
            report_ticks(f, t);
            fputc('\n', f);
        } else {
            fprintf(f, ", never runs\n");
        }
    }
}

static void
report_pd(FILE *f, const struct system *sys, const struct layout *l, int i)
{
    const struct pd *pd = &sys->pd[i];
    const struct pd_map *m = &l->pd[i];
    uint64_t lo = USER_STACK_TOP - pd->stack_size;

    fprintf(f, "\nprotection domain '%s' (index %d)\n", pd->name, i);
    fprintf(f, "    program:      %s\n", pd->image);
    fprintf(f, "    priority:     %u\n", pd->prio);
    if (sys->ncpus > 1)
        fprintf(f, "    cpu:          %llu\n", (unsigned long long)pd->cpu);
    fprintf(f, "    passive:      %s\n", pd->passive ? "true" : "false");
    fprintf(f, "    dma_trusted:  %s\n", pd->dma_trusted ? "true" : "false");
    if (pd->parent >= 0) {
        fprintf(f, "    parent:       '%s' (index %d), child id %u\n", sys->pd[pd->parent].name,
                pd->parent, pd->child_id);
    } else {
        fprintf(f, "    parent:       none\n");
    }
    report_budget(f, pd);
    if (pd->domain >= 0) {
        fprintf(f, "    domain:       '%s' (id %u)\n", sys->dom.dom[pd->domain].name,
                sys->dom.dom[pd->domain].id);
    }
    fprintf(f, "    entry:        0x%" PRIx64 "\n", pd->elf.entry);
    fprintf(f, "    stack:        [0x%" PRIx64 ", 0x%" PRIx64 ") 0x%" PRIx64
            " bytes, guard pages at 0x%" PRIx64 " and 0x%" PRIx64 "%s\n",
            lo, USER_STACK_TOP, pd->stack_size, lo - PAGE_SIZE, USER_STACK_TOP,
            pd->stack_from_program ? " (the program's __moat_stack_size)" : "");
    fprintf(f, "    ipc buffer:   0x%" PRIx64 " ", USER_IPCBUF);
    report_pa(f, l, pd->ipcbuf_pa);
    fprintf(f, "\n    page tables:  %zu pages, root ", m->ntables);
    report_pa(f, l, pd->root_pa);
    fprintf(f, "\n    mappings:\n");
    for (size_t j = 0; j < m->nmap; j++) {
        const struct mapping *mp = &m->map[j];
        fprintf(f, "        [0x%" PRIx64 ", 0x%" PRIx64 ") ", mp->va, mp->va + mp->size);
        if (mp->region >= 0) {
            report_region_pa(f, l, &sys->region[mp->region], 0);
        } else {
            report_pa(f, l, mp->pa);
        }
        fprintf(f, " 0x%" PRIx64 " %s %s", mp->size, elf_perm_str(mp->perms), mp->what);
        if (mp->what[0] == 's' && mp->what[1] == 'e') {
            fprintf(f, " %u", mp->seg);
        }
        if (mp->region >= 0) {
            fprintf(f, " '%s' %s, %s pages", sys->region[mp->region].name,
                    mp->cached ? "cached" : "uncached",
                    sys->region[mp->region].page_size == LARGE_PAGE ? "2 MiB" : "4 KiB");
        }
        fputc('\n', f);
    }
    report_channels(f, sys, i);
    report_irqs(f, pd);
    report_caps(f, sys, pd);
    report_setvars(f, sys, l, i);
    report_reset(f, l, i);
}

void
report_write(FILE *f, const struct system *sys, const struct layout *l)
{
    fprintf(f, "moat system report\n\n== kernel ==\n");
    fprintf(f, "load address:   0x%lx\n", IMAGE_LOAD_PA);
    fprintf(f, "kernel end:     0x%" PRIx64 "\n", l->kernel_end);
    fprintf(f, "image header:   0x%" PRIx64 "\n", l->hdr_pa);
    fprintf(f, "first page:     0x%" PRIx64 "\n", l->pages_pa);
    fprintf(f, "image size:     0x%zx bytes (max 0x%lx)\n", l->size, IMAGE_MAX_SIZE);
    fprintf(f, "file size:      0x%zx bytes (the kernel zeroes the rest at boot)\n", l->file_size);
    int owner;
    bool by_irq;
    if (layout_console_input(sys, &owner, &by_irq)) {
        fprintf(f, "console input:  the kernel's (SYS_CONSOLE_READ)\n");
    } else {
        fprintf(f, "console input:  PD '%s', which %s (SYS_CONSOLE_READ is E_PERM)\n",
                sys->pd[owner].name, by_irq ? "owns interrupt 10" : "maps the UART at 0x10000000");
    }
    report_regions(f, sys, l);
    report_tree(f, sys);
    report_services(f, sys, l);
    report_time(f, sys);
    report_domains(f, sys);
    fprintf(f, "\n== protection domains ==\n");
    fprintf(f, "count:          %d\n", sys->npds);
    for (int i = 0; i < sys->npds; i++) {
        report_pd(f, sys, l, i);
    }
}
