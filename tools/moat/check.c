// SPDX-License-Identifier: BSD-2-Clause
//
// Rules between elements: PD count and unique names, channel ends that name
// existing PDs (with a did-you-mean hint), channel and irq ids unique per PD,
// child ids unique per parent, one PD per irq, one setvar per symbol and PD
// (a child's setvar_id counts in its parent), and the protected-procedure-call
// rule: only towards strictly higher priority, and in one direction per
// channel. Services: unique names, at most one per PD, clients that are
// other PDs, each listed once. Domains: unique names and ids, at most 16, the
// missing ids assigned, every PD in one when there are domains (and in none
// otherwise), the domains that entries and PDs name resolved. Time: a warning
// when the capped PDs need more than the CPU. Memory regions and maps:
// check_mem.c. Every violation is reported in one pass.
#include "check.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "moat/image.h"
#include "moat/tockdrv.h"

void
check_unknown(const struct system *sys, struct loc at, const char *kind, const char *name,
              const void *base, int n, size_t stride, size_t off)
{
    // Looking up lost names and suggestions cost O(n) each: neither for an
    // error that will not be shown.
    if (diag_shown() && sdf_lost(sys, kind, name))
        return; // a misspelt element's name: that element was reported
    const char *best = diag_shown() ? sdf_nearest(name, base, n, stride, off) : NULL;

    if (best != NULL) {
        diag_error(at, "unknown %s '%s'; did you mean '%s'?", kind, name, best);
    } else {
        diag_error(at, "unknown %s '%s'", kind, name);
    }
}

// The index of PD `name` (NULL: none), or -1 after reporting it unknown. PDs
// beyond the first npds (too many, already reported) count as none.
static int
resolve_pd(const struct system *sys, int npds, struct loc at, const char *name)
{
    int p = name != NULL ? sdf_find_pd(sys, name) : -1;

    if (name != NULL && p < 0) {
        check_unknown(sys, at, "protection domain", name, sys->pd, sys->npds, sizeof *sys->pd,
                      offsetof(struct pd, name));
    }
    return p < npds ? p : -1;
}

static void
check_pds(const struct system *sys)
{
    if (sys->npds == 0 && !sys->pd_lost) {
        diag_error(sys->at, "at least one protection domain must be defined");
    }
    if (sys->npds > MOAT_MAX_PDS) {
        diag_error(sys->pd[MOAT_MAX_PDS].at, "too many protection domains (%d); at most %d",
                   sys->npds, MOAT_MAX_PDS);
    }
    for (int i = 0; i < sys->npds; i++) {
        const struct pd *pd = &sys->pd[i];
        if (pd->name == NULL)
            continue;
        int j = sdf_find_pd(sys, pd->name);
        if (j < i) {
            diag_error(pd->name_at, "protection domain '%s' defined twice", pd->name);
            diag_note(sys->pd[j].name_at, "first defined here");
        }
    }
}

static void
check_pp(const struct system *sys, const struct channel *ch)
{
    const struct end *a = &ch->end[0], *b = &ch->end[1];

    if (a->pp && b->pp) {
        diag_error(b->pp_at, "pp=\"true\" on both ends; a channel carries protected procedure "
                   "calls in one direction only");
        return;
    }
    for (int k = 0; k < 2; k++) {
        const struct end *e = &ch->end[k], *o = &ch->end[1 - k];
        if (!e->pp || e->pd < 0 || o->pd < 0)
            continue;
        const struct pd *caller = &sys->pd[e->pd], *callee = &sys->pd[o->pd];
        if (callee->prio <= caller->prio && !caller->prio_bad && !callee->prio_bad) {
            diag_error(e->pp_at, "'%s' (priority %u) may not call '%s' (priority %u): pp=\"true\" "
                       "needs a callee of strictly higher priority", caller->name, caller->prio,
                       callee->name, callee->prio);
        }
    }
}

// One use of a name or number inside a PD, in document order.
struct claim {
    struct loc at;
    unsigned id;
    const char *sym;
};

static int
by_loc(const void *a, const void *b)
{
    const struct claim *x = a, *y = b;

    if (x->at.line != y->at.line)
        return x->at.line < y->at.line ? -1 : 1;
    return (x->at.col > y->at.col) - (x->at.col < y->at.col);
}

static void
add_claim(struct claim **c, size_t *n, struct loc at, unsigned id, const char *sym)
{
    *c = realloc(*c, (*n + 1) * sizeof **c);
    if (*c == NULL) {
        abort();
    }
    (*c)[(*n)++] = (struct claim){at, id, sym};
}

// The channel ends of PD p, as claims of their ids or setvar symbols.
static void
end_claims(const struct system *sys, int p, bool symbols, struct claim **c, size_t *n)
{
    for (int i = 0; i < sys->nch; i++) {
        for (int k = 0; k < sys->ch[i].nend; k++) {
            const struct end *e = &sys->ch[i].end[k];
            if (e->pd != p)
                continue;
            if (!symbols && e->id_ok) {
                add_claim(c, n, e->id_at, e->id, NULL);
            } else if (symbols && e->setvar != NULL) {
                add_claim(c, n, e->setvar_at, 0, e->setvar);
            }
        }
    }
}

// Channel ids and irq ids share one space per PD.
static void
check_ids(const struct system *sys, int npds)
{
    for (int p = 0; p < npds; p++) {
        const struct pd *pd = &sys->pd[p];
        const struct claim *used[MOAT_MAX_CHANNELS] = {0};
        struct claim *c = NULL;
        size_t n = 0;

        end_claims(sys, p, false, &c, &n);
        for (int i = 0; i < pd->nirq; i++) {
            if (pd->irq[i].id_ok) {
                add_claim(&c, &n, pd->irq[i].id_at, pd->irq[i].id, NULL);
            }
        }
        if (n > 1) {
            qsort(c, n, sizeof *c, by_loc);
        }
        for (size_t i = 0; i < n; i++) {
            if (used[c[i].id] != NULL) {
                diag_error(c[i].at, "channel id %u is already used in protection domain '%s'",
                           c[i].id, pd->name ? pd->name : "");
                diag_note(used[c[i].id]->at, "first used here");
            } else {
                used[c[i].id] = &c[i];
            }
        }
        free(c);
    }
}

// A PLIC source belongs to one PD.
static void
check_irqs(const struct system *sys, int npds)
{
    const struct irq *owner[IMAGE_MAX_IRQS] = {0};
    const char *owner_pd[IMAGE_MAX_IRQS] = {0};

    for (int p = 0; p < npds; p++) {
        for (int i = 0; i < sys->pd[p].nirq; i++) {
            const struct irq *q = &sys->pd[p].irq[i];
            if (!q->irq_ok)
                continue;
            if (owner[q->irq] != NULL) {
                diag_error(q->irq_at, "irq %u is already claimed by protection domain '%s'",
                           q->irq, owner_pd[q->irq]);
                diag_note(owner[q->irq]->irq_at, "first claimed here");
            } else {
                owner[q->irq] = q;
                owner_pd[q->irq] = sys->pd[p].name ? sys->pd[p].name : "";
            }
        }
    }
}

// Child ids are unique among the children of one PD. pd[] is in document
// order, so the first use is the earlier child.
static void
check_children(const struct system *sys, int npds)
{
    for (int i = 0; i < npds; i++) {
        const struct pd *c = &sys->pd[i];
        for (int j = c->parent + 1; c->parent >= 0 && c->id_ok && j < i; j++) {
            const struct pd *o = &sys->pd[j];
            if (o->parent == c->parent && o->id_ok && o->child_id == c->child_id) {
                diag_error(c->id_at, "child id %u is already used in protection domain '%s'",
                           c->child_id, sys->pd[c->parent].name ? sys->pd[c->parent].name : "");
                diag_note(o->id_at, "first used here");
                break;
            }
        }
    }
}

// Every symbol the tool patches for a setvar is patched once per PD.
static void
check_setvars(const struct system *sys, int npds)
{
    for (int p = 0; p < npds; p++) {
        const struct pd *pd = &sys->pd[p];
        struct claim *c = NULL;
        size_t n = 0;

        end_claims(sys, p, true, &c, &n);
        for (int i = 0; i < pd->nmap; i++) {
            if (pd->map[i].setvar_vaddr != NULL) {
                add_claim(&c, &n, pd->map[i].svaddr_at, 0, pd->map[i].setvar_vaddr);
            }
            if (pd->map[i].setvar_size != NULL) {
                add_claim(&c, &n, pd->map[i].ssize_at, 0, pd->map[i].setvar_size);
            }
            if (pd->map[i].setvar_prefill_size != NULL) {
                add_claim(&c, &n, pd->map[i].sprefill_at, 0, pd->map[i].setvar_prefill_size);
            }
        }
        for (int i = 0; i < pd->nsetvar; i++) {
            if (pd->setvar[i].symbol != NULL) {
                add_claim(&c, &n, pd->setvar[i].symbol_at, 0, pd->setvar[i].symbol);
            }
        }
        for (int i = 0; i < pd->nirq; i++) {
            if (pd->irq[i].setvar != NULL) {
                add_claim(&c, &n, pd->irq[i].setvar_at, 0, pd->irq[i].setvar);
            }
        }
        for (int i = p + 1; i < npds; i++) {
            if (sys->pd[i].parent == p && sys->pd[i].setvar_id != NULL) {
                add_claim(&c, &n, sys->pd[i].setvar_id_at, 0, sys->pd[i].setvar_id);
            }
        }
        if (n > 1) {
            qsort(c, n, sizeof *c, by_loc);
        }
        for (size_t i = 0; i < n; i++) {
            for (size_t j = 0; j < i; j++) {
                if (strcmp(c[i].sym, c[j].sym) == 0) {
                    diag_error(c[i].at, "setvar on symbol '%s' already exists in protection "
                               "domain '%s'", c[i].sym, pd->name ? pd->name : "");
                    diag_note(c[j].at, "first set here");
                    break;
                }
            }
        }
        free(c);
    }
}

// How messages name service s: "service 'NAME'" or "Tock driver 0xN".
static const char *
service_what(const struct service *s, char *buf, size_t size)
{
    if (s->tock)
        snprintf(buf, size, "Tock driver %#x", s->tock_num);
    else
        snprintf(buf, size, "service '%s'", s->name ? s->name : "");
    return buf;
}

// The clients of service s: other PDs, each listed once; sets s->clients.
static void
check_clients(const struct system *sys, int npds, struct service *s)
{
    char what[MOAT_NAME_LEN + 16];

    service_what(s, what, sizeof what);

    for (int i = 0; i < s->nclient; i++) {
        struct client *c = &s->client[i];
        int first = 0;
        c->pd = resolve_pd(sys, npds, c->at, c->pd_name);
        if (c->pd < 0)
            continue;
        if (c->pd == s->pd) {
            diag_error(c->at, "protection domain '%s' %s %s and cannot be its own client",
                       c->pd_name, s->tock ? "serves" : "provides", what);
            continue;
        }
        while (s->client[first].pd != c->pd) {
            first++;
        }
        if (first < i) {
            diag_error(c->at, "protection domain '%s' is already a client of %s", c->pd_name,
                       what);
            diag_note(s->client[first].at, "first listed here");
        } else {
            s->clients |= 1ULL << c->pd;
            s->copy_clients |= (uint64_t)c->copy << c->pd;
        }
    }
}

// Unique service names, at most one service per PD; sets each PD's service.
static void
check_services(struct system *sys, int npds)
{
    for (int i = 0; i < sys->nservice; i++) {
        struct service *s = &sys->service[i];
        char what[MOAT_NAME_LEN + 16], other[MOAT_NAME_LEN + 16];
        for (int j = 0; j < i && s->name != NULL; j++) {
            if (sys->service[j].name != NULL && strcmp(sys->service[j].name, s->name) == 0) {
                diag_error(s->name_at, "%s defined twice", service_what(s, what, sizeof what));
                diag_note(sys->service[j].name_at, "first defined here");
                break;
            }
        }
        s->pd = resolve_pd(sys, npds, s->pd_at, s->pd_name);
        if (s->tock && s->name == NULL) {
            // Its number was refused (reported): only the names it uses are checked.
            for (int j = 0; j < s->nclient; j++) {
                s->client[j].pd = resolve_pd(sys, npds, s->client[j].at, s->client[j].pd_name);
            }
            s->pd = -1;
            continue;
        }
        if (s->pd >= 0 && sys->pd[s->pd].service >= 0) {
            const struct service *o = &sys->service[sys->pd[s->pd].service];
            // A PD has one window area, so one service or driver.
            diag_error(s->pd_at, "protection domain '%s' already %s %s; it cannot also %s %s",
                       s->pd_name, o->tock ? "serves" : "provides",
                       service_what(o, other, sizeof other), s->tock ? "serve" : "provide",
                       service_what(s, what, sizeof what));
            diag_note(o->pd_at, o->tock ? "first served here" : "first provided here");
            s->pd = -1; // refused: its clients are not checked against it
        } else if (s->pd >= 0) {
            sys->pd[s->pd].service = i;
        }
        check_clients(sys, npds, s);
    }
}

// The highest channel id PD p leaves free (channels and irqs), or -1.
static int
free_id(const struct system *sys, int p)
{
    bool used[MOAT_MAX_CHANNELS] = {0};

    for (int c = 0; c < sys->nch; c++) {
        for (int k = 0; k < 2 && sys->ch[c].nend == 2; k++) {
            const struct end *e = &sys->ch[c].end[k];
            if (e->pd == p && e->id_ok)
                used[e->id] = true;
        }
    }
    for (int i = 0; i < sys->pd[p].nirq; i++) {
        if (sys->pd[p].irq[i].id_ok)
            used[sys->pd[p].irq[i].id] = true;
    }
    for (int id = MOAT_MAX_CHANNELS - 1; id >= 0; id--) {
        if (!used[id])
            return id;
    }
    return -1;
}

// Each client of a Tock driver gets a channel to the driver's PD, on the
// highest ids both leave free: the client's end calls (commands, allows,
// fetching upcalls), the driver's notifies (an upcall is queued). So the
// driver's PD must outrank its clients, as any callee.
static void
check_tock_drivers(struct system *sys)
{
    int uses[MOAT_MAX_PDS] = {0};

    for (int i = 0; i < sys->nservice; i++) {
        struct service *s = &sys->service[i];
        if (!s->tock || s->pd < 0 || s->name == NULL)
            continue;
        const struct pd *drv = &sys->pd[s->pd];
        bool ok = true;
        for (int j = 0; j < s->nclient; j++) {
            struct client *c = &s->client[j];
            if (c->pd < 0 || c->pd == s->pd || !(s->clients >> c->pd & 1))
                continue;
            const struct pd *cl = &sys->pd[c->pd];
            int a = free_id(sys, c->pd), b = free_id(sys, s->pd);
            if (drv->prio <= cl->prio && !drv->prio_bad && !cl->prio_bad) {
                diag_error(c->at, "'%s' (priority %u) serves Tock driver %#x to '%s' (priority "
                           "%u) through protected procedure calls, so it needs a strictly higher "
                           "priority", drv->name, drv->prio, s->tock_num, cl->name, cl->prio);
                ok = false;
            } else if (++uses[c->pd] > TOCKDRV_PER_CLIENT) {
                diag_error(c->at, "protection domain '%s' is a client of more than %d Tock "
                           "drivers", cl->name, TOCKDRV_PER_CLIENT);
                ok = false;
            } else if (a < 0 || b < 0) {
                diag_error(c->at, "protection domain '%s' has no channel id left (0..%d) for "
                           "Tock driver %#x", a < 0 ? cl->name : drv->name,
                           MOAT_MAX_CHANNELS - 1, s->tock_num);
                ok = false;
            } else {
                struct channel *ch = sdf_grow(&sys->ch, &sys->nch, sizeof *sys->ch);
                ch->at = c->at;
                ch->nend = 2;
                ch->tock = true;
                ch->end[0] = (struct end){.at = c->at, .pd_at = c->at, .id_at = c->at,
                                          .pp_at = c->at, .pd_name = strdup(cl->name),
                                          .pd = c->pd, .id = (unsigned)a, .id_ok = true,
                                          .pp = true};
                ch->end[1] = (struct end){.at = c->at, .pd_at = s->pd_at, .id_at = s->pd_at,
                                          .pp_at = s->pd_at, .pd_name = strdup(drv->name),
                                          .pd = s->pd, .id = (unsigned)b, .id_ok = true,
                                          .notify = true};
                c->ch = (unsigned)a;
                c->drv_ch = (unsigned)b;
            }
        }
        s->tock_ok = ok;
    }
}

// Domain names and ids are unique, and there are at most IMAGE_MAX_DOMAINS
// domains. A domain without an id takes the lowest id that is free, the
// domains taken in the order of their names (strcmp's, which is Microkit's:
// it walks a BTreeMap of the names), not of the document.
static void
check_domain_ids(struct system *sys)
{
    struct domains *d = &sys->dom;
    const struct domain *used[IMAGE_MAX_DOMAINS] = {0};

    if (d->ndom > IMAGE_MAX_DOMAINS) {
        diag_error(d->dom[IMAGE_MAX_DOMAINS].at, "too many domains (%d); at most %d", d->ndom,
                   IMAGE_MAX_DOMAINS);
    }
    for (int i = 0; i < d->ndom; i++) {
        struct domain *dm = &d->dom[i];
        int j = dm->name != NULL ? sdf_find_domain(sys, dm->name) : i;
        if (j < i) {
            diag_error(dm->name_at, "domain '%s' defined twice", dm->name);
            diag_note(d->dom[j].name_at, "first defined here");
        }
        if (!dm->id_given)
            continue;
        if (used[dm->id] != NULL) {
            diag_error(dm->id_at, "domain id %u is already used by domain '%s'", dm->id,
                       used[dm->id]->name ? used[dm->id]->name : "");
            diag_note(used[dm->id]->id_at, "first used here");
            dm->id_given = false;
        } else {
            used[dm->id] = dm;
        }
    }
    for (int k = 0; k < sys->domain_names.n; k++) {
        struct domain *dm = &d->dom[sys->domain_names.ix[k]];
        unsigned id = 0;
        if (dm->id_given || sys->domain_names.ix[k] >= IMAGE_MAX_DOMAINS)
            continue;
        while (id < IMAGE_MAX_DOMAINS && used[id] != NULL) {
            id++;
        }
        if (id == IMAGE_MAX_DOMAINS)
            break; // only with too many domains, reported
        used[id] = dm;
        dm->id = id;
    }
}

// The index of domain `name`, or -1 after reporting it unknown. Domains
// beyond the first IMAGE_MAX_DOMAINS (too many, reported) count as none.
static int
resolve_domain(const struct system *sys, struct loc at, const char *name)
{
    int k = sdf_find_domain(sys, name);

    if (k < 0) {
        check_unknown(sys, at, "domain", name, sys->dom.dom, sys->dom.ndom, sizeof *sys->dom.dom,
                      offsetof(struct domain, name));
    }
    return k < IMAGE_MAX_DOMAINS ? k : -1;
}

// Schedule entries and PDs name domains. With <domains>, every PD names one;
// without, none may. A warning for a domain that holds PDs but that no entry
// of the cycle names: they never run (said only of a schedule found valid,
// whose every entry names a known domain, so that it is not a mere
// consequence of an error).
static void
check_domains(struct system *sys, int npds)
{
    struct domains *d = &sys->dom;
    bool known = d->ndom <= IMAGE_MAX_DOMAINS;

    for (int i = 0; i < npds; i++) {
        struct pd *pd = &sys->pd[i];
        if (!d->present && pd->domain_name != NULL && !sys->dom_lost) {
            diag_error(pd->domain_at, "attribute 'domain' is only valid when the system has "
                       "<domains> (it has none)");
        }
    }
    if (!d->present)
        return;
    check_domain_ids(sys);
    for (int i = 0; i < d->nentry; i++) {
        struct sched_entry *e = &d->entry[i];
        if (e->domain_name != NULL) {
            e->domain = resolve_domain(sys, e->domain_at, e->domain_name);
        }
        known &= e->end || i >= d->ncycle || e->domain >= 0;
    }
    for (int i = 0; i < npds; i++) {
        struct pd *pd = &sys->pd[i];
        if (!pd->has_domain) {
            diag_error(pd->at, "missing required attribute 'domain' on element "
                       "'protection_domain' (every protection domain needs one when the system "
                       "has <domains>)");
        } else if (pd->domain_name != NULL) {
            pd->domain = resolve_domain(sys, pd->domain_at, pd->domain_name);
        }
    }
    if (!d->has_sched || d->sched_bad || !known)
        return;
    for (int k = 0; k < d->ndom; k++) {
        const struct domain *dm = &d->dom[k];
        int pds = 0;
        bool runs = false;
        for (int i = 0; i < npds; i++) {
            pds += sys->pd[i].domain == k;
        }
        for (int i = 0; i < d->ncycle; i++) {
            runs |= d->entry[i].domain == k;
        }
        if (pds > 0 && !runs) {
            diag_warning(dm->at, "%d protection domain%s in domain '%s' never run%s: no "
                         "<schedule_entry> of the cycle names it", pds, pds == 1 ? "" : "s",
                         dm->name, pds == 1 ? "s" : "");
        }
    }
}

// Each PD's core exists, and (for now) every call channel, parent and
// child, thread capability, service and client pair, and domain schedule
// is on one core: of IPC between cores the kernel has only notifications
// yet (docs/design.md "Multicore"), so the tool refuses the rest rather
// than build a system whose calls never arrive.
static void
check_cores(struct system *sys, int npds)
{
    unsigned ncpus = sys->ncpus ? sys->ncpus : 1;

    for (int i = 0; i < npds; i++) {
        struct pd *pd = &sys->pd[i];
        if (pd->cpu < ncpus)
            continue;
        if (ncpus == 1)
            diag_error(pd->cpu_at, "cpu %llu out of range: this configuration has one core (0); "
                       "Microkit's smp-debug, smp-release and smp-benchmark have %u",
                       (unsigned long long)pd->cpu, MOAT_SMP_CPUS);
        else
            diag_error(pd->cpu_at, "cpu %llu out of range (0..%u)", (unsigned long long)pd->cpu,
                       ncpus - 1);
        pd->cpu = 0; // no follow-on error
    }
    if (ncpus == 1)
        return;
    if (sys->dom.present) { // the kernel runs the schedule on the boot core, core 0
        for (int i = 0; i < npds; i++) {
            if (sys->pd[i].cpu != 0) {
                diag_error(sys->dom.at, "<domains> with a protection domain on a core other "
                           "than 0 ('%s' on cpu %llu): a domain schedule runs on core 0 only "
                           "for now", sys->pd[i].name, (unsigned long long)sys->pd[i].cpu);
                break;
            }
        }
    }
    for (int s = 0; s < sys->nservice; s++) {
        const struct service *sv = &sys->service[s];
        if (sv->pd < 0)
            continue;
        for (int i = 0; i < npds; i++) {
            if ((sv->clients >> i & 1) && sys->pd[i].cpu != sys->pd[sv->pd].cpu)
                diag_error(sv->name_at, "service '%s' on cpu %llu and its client '%s' on cpu "
                           "%llu: services between cores are not available yet; put both on one "
                           "core", sv->name, (unsigned long long)sys->pd[sv->pd].cpu,
                           sys->pd[i].name, (unsigned long long)sys->pd[i].cpu);
        }
    }
}

// The kernel can give every capped PD (budget < period) its budget in every
// period only if the capped PDs of each core together need at most that core. PDs whose
// budget is their period are not caps but round-robin slices (each may take
// the whole CPU when its equals wait), and a passive PD runs calls on its
// callers' budgets: neither is counted. A warning, not an error: whether the
// PDs use their whole budgets is up to them.
static void
check_time(const struct system *sys, int npds)
{
    unsigned ncpus = sys->ncpus ? sys->ncpus : 1;

    for (unsigned cpu = 0; cpu < ncpus; cpu++) {
        uint64_t capped = 0;
        int count = 0;
        char pc[SDF_PERCENT_LEN];

        for (int i = 0; i < npds; i++) {
            const struct pd *pd = &sys->pd[i];
            if (pd->cpu != cpu || pd->sched_bad || pd->passive || !sdf_capped(pd))
                continue;
            capped += sdf_share(pd);
            count++;
        }
        if (capped <= SDF_SHARE_ALL)
            continue;
        if (ncpus == 1)
            diag_warning(sys->at, "the %d capped protection domains (budget < period) need %s of "
                         "the CPU, more than the one core has: some will not get their budget in "
                         "every period", count, sdf_percent(pc, capped));
        else
            diag_warning(sys->at, "the %d capped protection domains (budget < period) on cpu %u "
                         "need %s of it, more than the core has: some will not get their budget "
                         "in every period", count, cpu, sdf_percent(pc, capped));
    }
}

// The PDs named in <cspace> entries. A TCB capability works on moat
// (seL4_TCB_Suspend and seL4_TCB_Resume); one to a scheduling context or an
// address space names something no call of moat takes: a warning, so that
// Microkit's examples still build, but never in silence.
static void
check_caps(struct system *sys, int npds)
{
    for (int i = 0; i < npds; i++) {
        struct pd *pd = &sys->pd[i];
        for (int j = 0; j < pd->ncap; j++) {
            struct cap *c = &pd->cap[j];
            c->pd = resolve_pd(sys, npds, c->pd_at, c->pd_name);
            if (c->kind == IMAGE_CAP_SC) {
                diag_warning(c->at, "<cap_sc> gives '%s' nothing to call on moat: budgets and "
                             "periods are fixed by the description, and no seL4_SchedContext "
                             "call exists", pd->name ? pd->name : "");
            } else if (c->kind == IMAGE_CAP_VSPACE) {
                diag_warning(c->at, "<cap_vspace> gives '%s' nothing to call on moat: address "
                             "spaces are fixed by the description, and no seL4 mapping call "
                             "exists", pd->name ? pd->name : "");
            }
        }
    }
}

// cached="false" asks for a memory type that page tables cannot give on
// this board (Sv39 without Svpbmt); QEMU models no caches either. One
// warning for the system, at the first such map, not one per device map.
static void
check_cached(const struct system *sys, int npds)
{
    const struct map *first = NULL;
    int count = 0;

    for (int i = 0; i < npds; i++) {
        for (int j = 0; j < sys->pd[i].nmap; j++) {
            const struct map *m = &sys->pd[i].map[j];
            if (m->cached)
                continue;
            first = first ? first : m;
            count++;
        }
    }
    if (first != NULL) {
        diag_warning(first->at, "cached=\"false\" (on %d map%s) has no effect on qemu_virt_riscv64: "
                     "its page tables (Sv39 without Svpbmt) carry no memory type; device memory "
                     "is uncached by the board's physical memory attributes", count,
                     count == 1 ? "" : "s");
    }
}

int
check_system(struct system *sys)
{
    int before = diag_count();
    int n = sys->npds < MOAT_MAX_PDS ? sys->npds : MOAT_MAX_PDS;

    if (!sys->root_ok)
        return 0;
    check_pds(sys);
    for (int c = 0; c < sys->nch; c++) {
        struct channel *ch = &sys->ch[c];
        if (ch->nend != 2)
            continue;
        for (int k = 0; k < 2; k++) {
            ch->end[k].pd = resolve_pd(sys, n, ch->end[k].pd_at, ch->end[k].pd_name);
        }
        if (ch->end[0].pd >= 0 && ch->end[0].pd == ch->end[1].pd) {
            diag_error(ch->end[1].pd_at, "both ends of the channel are in protection domain '%s'",
                       ch->end[1].pd_name);
            ch->end[1].pd = -1; // one end is wrong: neither its id nor a call is checked
        }
        check_pp(sys, ch);
    }
    check_ids(sys, n);
    check_children(sys, n);
    check_caps(sys, n);
    check_cached(sys, n);
    check_irqs(sys, n);
    check_setvars(sys, n);
    check_services(sys, n);
    check_tock_drivers(sys);
    check_cores(sys, n);
    check_memory(sys, n);
    check_domains(sys, n);
    check_time(sys, n);
    return diag_count() - before;
}
