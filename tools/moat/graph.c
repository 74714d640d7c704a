// SPDX-License-Identifier: BSD-2-Clause
//
// DOT writer (graph.h). Nodes are named by kind and index (pd3, mr0, svc1,
// irq3_0), never by the names in the description, so only labels need
// quoting; every label is escaped as diag.c escapes quoted input: printable
// ASCII as it is (with " and \ escaped for DOT), any other byte as the four
// characters \xNN.
#include "graph.h"

#include <inttypes.h>
#include <string.h>

// Writes s as the inside of a DOT string.
static void
put_escaped(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\') {
            fprintf(f, "\\%c", *p);
        } else if (*p < 0x20 || *p >= 0x7f) {
            fprintf(f, "\\\\x%02x", *p);
        } else {
            fputc(*p, f);
        }
    }
}

static bool
has_children(const struct system *sys, int i)
{
    for (int j = i + 1; j < sys->npds; j++) {
        if (sys->pd[j].parent == i)
            return true;
    }
    return false;
}

// The Tock driver PD i serves, or NULL.
static const struct service *
tock_driver_of(const struct system *sys, int i)
{
    for (int s = 0; s < sys->nservice; s++) {
        if (sys->service[s].tock && sys->service[s].pd == i)
            return &sys->service[s];
    }
    return NULL;
}

static void
pd_node(FILE *f, const struct system *sys, int i, int depth)
{
    const struct pd *pd = &sys->pd[i];
    const struct service *drv = tock_driver_of(sys, i);

    fprintf(f, "%*spd%d [label=\"", 4 * depth, "", i);
    put_escaped(f, pd->name);
    fprintf(f, "\\npriority %u", pd->prio);
    if (pd->parent >= 0) {
        fprintf(f, ", child id %u", pd->child_id);
    }
    fprintf(f, "\\nbudget %" PRIu64 " / period %" PRIu64 " us", pd->budget, pd->period);
    if (pd->passive)
        fprintf(f, "\\npassive%s", pd->has_cpu || sys->ncpus > 1 ? ", " : "");
    else if (pd->has_cpu || sys->ncpus > 1)
        fprintf(f, "\\n");
    if (pd->has_cpu || sys->ncpus > 1) // its core: on several, always
        fprintf(f, "core %llu", (unsigned long long)pd->cpu);
    if (pd->domain >= 0) {
        fprintf(f, "\\ndomain ");
        put_escaped(f, sys->dom.dom[pd->domain].name);
    }
    if (drv != NULL) {
        fprintf(f, "\\nTock driver %#" PRIx32, drv->tock_num);
    }
    fprintf(f, "\", shape=box, style=\"rounded,filled%s\", fillcolor=\"%s\"%s];\n",
            pd->passive ? ",dashed" : "", drv != NULL ? "#fde9c9" : "#fff8d0",
            drv != NULL ? ", peripheries=2" : "");
}

// PD i and, for a parent, its children inside a cluster of its own.
static void
pd_tree(FILE *f, const struct system *sys, int i, int depth)
{
    if (!has_children(sys, i)) {
        pd_node(f, sys, i, depth);
        return;
    }
    fprintf(f, "%*ssubgraph cluster_pd%d {\n", 4 * depth, "", i);
    fprintf(f, "%*slabel=\"", 4 * (depth + 1), "");
    put_escaped(f, sys->pd[i].name);
    fprintf(f, " and its children\"; style=\"rounded,dashed\"; color=\"#808080\";\n");
    pd_node(f, sys, i, depth + 1);
    for (int j = i + 1; j < sys->npds; j++) {
        if (sys->pd[j].parent == i) {
            pd_tree(f, sys, j, depth + 1);
        }
    }
    fprintf(f, "%*s}\n", 4 * depth, "");
}

static void
regions(FILE *f, const struct system *sys)
{
    for (int r = 0; r < sys->nregion; r++) {
        const struct region *mr = &sys->region[r];
        fprintf(f, "    mr%d [label=\"", r);
        put_escaped(f, mr->name);
        fprintf(f, "\\n%#" PRIx64 " bytes", mr->size);
        if (mr->device) {
            fprintf(f, "\\ndevice at %#" PRIx64, mr->phys);
        } else if (mr->has_phys) {
            fprintf(f, "\\nRAM at %#" PRIx64, mr->phys);
        }
        if (mr->prefill != NULL) {
            fprintf(f, "\\nprefilled from ");
            put_escaped(f, mr->prefill);
        }
        fprintf(f, "\", shape=folder, style=filled, fillcolor=\"%s\"];\n",
                mr->device ? "#e0d4f0" : "#d8e8f8");
    }
    for (int i = 0; i < sys->npds; i++) {
        const struct pd *pd = &sys->pd[i];
        for (int m = 0; m < pd->nmap; m++) {
            const struct map *mp = &pd->map[m];
            if (mp->region < 0)
                continue;
            fprintf(f, "    mr%d -> pd%d [label=\"%s %#" PRIx64 "\", style=dotted, "
                       "arrowhead=none, color=\"#4070a0\", fontcolor=\"#4070a0\"];\n",
                    mp->region, i, elf_perm_str(mp->perms), mp->vaddr);
        }
    }
}

static void
irqs(FILE *f, const struct system *sys)
{
    for (int i = 0; i < sys->npds; i++) {
        const struct pd *pd = &sys->pd[i];
        for (int q = 0; q < pd->nirq; q++) {
            const struct irq *irq = &pd->irq[q];
            fprintf(f, "    irq%d_%d [label=\"irq %u%s\", shape=diamond, style=filled, "
                       "fillcolor=\"#f8d8d8\"];\n",
                    i, q, irq->irq, irq->edge ? "\\nedge" : "");
            fprintf(f, "    irq%d_%d -> pd%d [label=\"id %u\", color=\"#a04040\", "
                       "fontcolor=\"#a04040\"];\n",
                    i, q, i, irq->id);
        }
    }
}

// A channel from the XML (id "chN", N its place among them): a protected
// procedure call is a bold arrow from the caller (its end has pp="true") to
// the PD that serves the call, labelled "call", or "call + notify" when the
// caller may notify too; a channel without one is dashed, labelled "notify".
// An empty arrowhead points at each PD the other end may notify, and each
// end's id is written at its end.
static void
channels(FILE *f, const struct system *sys)
{
    for (int c = 0; c < sys->nch; c++) {
        const struct channel *ch = &sys->ch[c];
        if (ch->tock || ch->nend != 2 || ch->end[0].pd < 0 || ch->end[1].pd < 0)
            continue;
        const struct end *a = &ch->end[0], *b = &ch->end[1];
        if (b->pp) {
            const struct end *t = a;
            a = b;
            b = t;
        }
        fprintf(f, "    pd%d -> pd%d [id=\"ch%d\", taillabel=\"%u\", headlabel=\"%u\"", a->pd,
                b->pd, c, a->id, b->id);
        if (a->pp) {
            fprintf(f, ", label=\"%s\", style=bold%s", a->notify ? "call + notify" : "call",
                    b->notify ? ", dir=both, arrowtail=empty" : "");
        } else {
            const char *dir = !a->notify ? (b->notify ? "back" : "none")
                                         : (b->notify ? "both" : "forward");
            fprintf(f, ", label=\"%s\", style=dashed, dir=%s, arrowhead=empty, "
                       "arrowtail=empty", strcmp(dir, "none") == 0 ? "channel" : "notify", dir);
        }
        fprintf(f, "];\n");
    }
}

static void
services(FILE *f, const struct system *sys)
{
    for (int s = 0; s < sys->nservice; s++) {
        const struct service *sv = &sys->service[s];
        if (sv->pd < 0 || sv->name == NULL)
            continue;
        if (sv->tock) {
            // A driver's clients call it over the channels the tool added.
            for (int k = 0; k < sv->nclient; k++) {
                const struct client *cl = &sv->client[k];
                if (cl->pd < 0 || !sv->tock_ok)
                    continue;
                fprintf(f, "    pd%d -> pd%d [label=\"Tock %#" PRIx32 "\", taillabel=\"%u\", "
                           "headlabel=\"%u\", style=bold, dir=both, arrowtail=empty, "
                           "color=\"#c07000\", fontcolor=\"#c07000\"];\n",
                        cl->pd, sv->pd, sv->tock_num, cl->ch, cl->drv_ch);
            }
            continue;
        }
        fprintf(f, "    svc%d [label=\"service\\n", s);
        put_escaped(f, sv->name);
        fprintf(f, "\", shape=ellipse, style=filled, fillcolor=\"#d8f0d8\"];\n");
        fprintf(f, "    pd%d -> svc%d [label=\"provides\", color=\"#408040\", "
                   "fontcolor=\"#408040\", arrowhead=none];\n",
                sv->pd, s);
        for (int k = 0; k < sv->nclient; k++) {
            const struct client *cl = &sv->client[k];
            if (cl->pd < 0)
                continue;
            fprintf(f, "    pd%d -> svc%d [label=\"client%s\", style=dotted, color=\"#408040\", "
                       "fontcolor=\"#408040\"];\n",
                    cl->pd, s, cl->copy ? ", copy" : "");
        }
    }
}

void
graph_write(FILE *f, const struct system *sys)
{
    fprintf(f, "digraph system {\n"
               "    graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.4, ranksep=0.7];\n"
               "    node [fontname=\"Helvetica\", fontsize=11];\n"
               "    edge [fontname=\"Helvetica\", fontsize=9, labelfontsize=10, labeldistance=1.6];\n");
    for (int i = 0; i < sys->npds; i++) {
        if (sys->pd[i].parent < 0) {
            pd_tree(f, sys, i, 1);
        }
    }
    regions(f, sys);
    irqs(f, sys);
    channels(f, sys);
    services(f, sys);
    fprintf(f, "}\n");
}
