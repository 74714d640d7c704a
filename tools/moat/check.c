// SPDX-License-Identifier: BSD-2-Clause
//
// Rules between elements: PD count and unique names, channel ends that name
// existing PDs (with a did-you-mean hint), channel ids unique per PD, and the
// protected-procedure-call rule: only towards strictly higher priority, and
// in one direction per channel. Every violation is reported in one pass.
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "moat/image.h"

// Levenshtein distance, capped: names longer than 64 bytes are never close.
static size_t
distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[MOAT_NAME_LEN + 2];

    if (la > MOAT_NAME_LEN || lb > MOAT_NAME_LEN)
        return SIZE_MAX;
    for (size_t j = 0; j <= lb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) {
                best = up + 1;
            }
            if (row[j - 1] + 1 < best) {
                best = row[j - 1] + 1;
            }
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static int
find_pd(const struct system *sys, const char *name)
{
    for (int i = 0; i < sys->npds; i++) {
        if (sys->pd[i].name != NULL && strcmp(sys->pd[i].name, name) == 0)
            return i;
    }
    return -1;
}

static void
unknown_pd(const struct system *sys, const struct end *e)
{
    const char *best = NULL;
    size_t bestd = SIZE_MAX, len = strlen(e->pd_name);
    size_t limit = len < 3 ? 1 : len < 6 ? 2 : 3;

    for (int i = 0; i < sys->npds; i++) {
        const char *name = sys->pd[i].name;
        if (name == NULL)
            continue;
        size_t d = distance(e->pd_name, name);
        if (d <= limit && d < bestd) {
            bestd = d;
            best = name;
        }
    }
    if (best != NULL) {
        diag_error(e->pd_at, "unknown protection domain '%s'; did you mean '%s'?", e->pd_name,
                   best);
    } else {
        diag_error(e->pd_at, "unknown protection domain '%s'", e->pd_name);
    }
}

static void
check_pds(const struct system *sys)
{
    if (sys->npds == 0) {
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
        int j = find_pd(sys, pd->name);
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
        if (callee->prio <= caller->prio) {
            diag_error(e->pp_at, "'%s' (priority %u) may not call '%s' (priority %u): pp=\"true\" "
                       "needs a callee of strictly higher priority", caller->name, caller->prio,
                       callee->name, callee->prio);
        }
    }
}

int
check_system(struct system *sys)
{
    int before = diag_count();
    int n = sys->npds < MOAT_MAX_PDS ? sys->npds : MOAT_MAX_PDS;
    const struct end **used = calloc((size_t)(n ? n : 1) * MOAT_MAX_CHANNELS, sizeof *used);

    if (used == NULL) {
        abort();
    }
    if (!sys->root_ok) {
        free(used);
        return 0;
    }
    check_pds(sys);
    for (int c = 0; c < sys->nch; c++) {
        struct channel *ch = &sys->ch[c];
        if (ch->nend != 2)
            continue;
        for (int k = 0; k < 2; k++) {
            struct end *e = &ch->end[k];
            if (e->pd_name == NULL)
                continue;
            e->pd = find_pd(sys, e->pd_name);
            if (e->pd < 0) {
                unknown_pd(sys, e);
            } else if (e->pd >= n) {
                e->pd = -1; // beyond the PD limit, already reported
            }
        }
        if (ch->end[0].pd >= 0 && ch->end[0].pd == ch->end[1].pd) {
            diag_error(ch->end[1].pd_at, "both ends of the channel are in protection domain '%s'",
                       ch->end[1].pd_name);
        }
        check_pp(sys, ch);
        for (int k = 0; k < 2; k++) {
            const struct end *e = &ch->end[k];
            if (e->pd < 0 || !e->id_ok)
                continue;
            const struct end **slot = &used[(size_t)e->pd * MOAT_MAX_CHANNELS + e->id];
            if (*slot != NULL) {
                diag_error(e->id_at, "channel id %u is already used in protection domain '%s'",
                           e->id, e->pd_name);
                diag_note((*slot)->id_at, "first used here");
            } else {
                *slot = e;
            }
        }
    }
    free(used);
    return diag_count() - before;
}
