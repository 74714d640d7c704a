// SPDX-License-Identifier: BSD-2-Clause
//
// Elements and attributes -> struct system. Every element checks its own
// attribute list (unknown ones are errors) and the type and range of each
// value; parsing continues after an error so that one run reports them all.
// Rules between elements (names, ids, priorities) are in check.c.
#include "sdf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "moat/image.h"

struct parser {
    const struct xml *x;
    struct system *sys;
};

static const char *const system_attrs[] = {NULL};
static const char *const pd_attrs[] = {"name", "priority", "budget", "period", "passive",
                                       "stack_size", "cpu", "fpu", "smc", "id", "setvar_id",
                                       "pp", NULL};
static const char *const image_attrs[] = {"path", "path_for_symbols", NULL};
static const char *const channel_attrs[] = {NULL};
static const char *const end_attrs[] = {"pd", "id", "pp", "notify", "setvar_id", NULL};

// Elements of Microkit that moat will support later, by parent.
static const char *const system_later[] = {"memory_region", "virtual_machine", "domains",
                                           "io_address_space", NULL};
static const char *const pd_later[] = {"map", "irq", "setvar", "virtual_machine",
                                       "protection_domain", "ioport", "cspace", NULL};

static int
in_list(const char *s, const char *const *list)
{
    for (; *list != NULL; list++) {
        if (strcmp(s, *list) == 0)
            return 1;
    }
    return 0;
}

static char *
dup(const char *s)
{
    char *d = strdup(s);
    if (d == NULL) {
        abort();
    }
    return d;
}

static const char *
name_of(xmlNodePtr n)
{
    return (const char *)n->name;
}

// Reports attributes of n not in allowed.
static void
check_attrs(const struct xml *x, xmlNodePtr n, const char *const *allowed)
{
    for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
        char full[256];
        if (a->ns != NULL && a->ns->prefix != NULL) {
            snprintf(full, sizeof full, "%s:%s", (const char *)a->ns->prefix, (const char *)a->name);
        } else {
            snprintf(full, sizeof full, "%s", (const char *)a->name);
        }
        if (a->ns != NULL || !in_list(full, allowed)) {
            diag_error(xml_loc_attr(x, n, full), "unknown attribute '%s' on element '%s'", full,
                       name_of(n));
        }
    }
}

// The value of attribute name (no namespace), or NULL; the caller frees it.
static char *
get(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    char *s;

    if (v == NULL)
        return NULL;
    s = dup((const char *)v);
    xmlFree(v);
    return s;
}

static char *
require(const struct xml *x, xmlNodePtr n, const char *name)
{
    char *v = get(n, name);

    if (v == NULL) {
        diag_error(xml_loc(x, n), "missing required attribute '%s' on element '%s'", name,
                   name_of(n));
    }
    return v;
}

// Microkit's numbers: decimal or 0x hex, '_' anywhere as a separator.
// Returns 0, or -1 (not a number) or -2 (does not fit 64 bits).
static int
parse_u64(const char *s, uint64_t *out)
{
    unsigned base = 10;
    uint64_t v = 0;
    int digits = 0;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    for (; *s != '\0'; s++) {
        unsigned d;
        if (*s == '_')
            continue;
        if (*s >= '0' && *s <= '9') {
            d = (unsigned)(*s - '0');
        } else if (base == 16 && *s >= 'a' && *s <= 'f') {
            d = (unsigned)(*s - 'a' + 10);
        } else if (base == 16 && *s >= 'A' && *s <= 'F') {
            d = (unsigned)(*s - 'A' + 10);
        } else {
            return -1;
        }
        if (v > (UINT64_MAX - d) / base)
            return -2;
        v = v * base + d;
        digits++;
    }
    if (digits == 0)
        return -1;
    *out = v;
    return 0;
}

// Reads a numeric attribute into *out (left alone if absent). Returns 1 if
// present and valid, 0 if absent, -1 after reporting.
static int
number(const struct xml *x, xmlNodePtr n, const char *name, uint64_t *out)
{
    char *v = get(n, name);
    int r;

    if (v == NULL)
        return 0;
    r = parse_u64(v, out);
    if (r == -1) {
        diag_error(xml_loc_attr(x, n, name), "invalid number '%s' for attribute '%s'", v, name);
    } else if (r == -2) {
        diag_error(xml_loc_attr(x, n, name), "number '%s' for attribute '%s' is too large", v,
                   name);
    }
    free(v);
    return r == 0 ? 1 : -1;
}

// Reads a boolean attribute: exactly "true" or "false".
static void
boolean(const struct xml *x, xmlNodePtr n, const char *name, bool *out)
{
    char *v = get(n, name);

    if (v == NULL)
        return;
    if (strcmp(v, "true") == 0) {
        *out = true;
    } else if (strcmp(v, "false") == 0) {
        *out = false;
    } else {
        diag_error(xml_loc_attr(x, n, name), "attribute '%s' must be 'true' or 'false', not '%s'",
                   name, v);
    }
    free(v);
}

static int
blank_text(const xmlChar *s)
{
    for (; s != NULL && *s != '\0'; s++) {
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 0;
    }
    return 1;
}

// Reports non-blank text directly inside n (once per element). Returns 1
// for element children the caller must look at, 0 for anything else.
static int
is_element(const struct xml *x, xmlNodePtr parent, xmlNodePtr c, int *text_seen)
{
    if (c->type == XML_ELEMENT_NODE)
        return 1;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
        c->type == XML_ENTITY_REF_NODE) {
        if ((c->type == XML_ENTITY_REF_NODE || !blank_text(c->content)) && !*text_seen) {
            *text_seen = 1;
            diag_error(xml_loc_text(x, parent), "unexpected text in element '%s'",
                       name_of(parent));
        }
    }
    return 0;
}

static void
child_error(const struct xml *x, xmlNodePtr parent, xmlNodePtr c, const char *const *later)
{
    if (later != NULL && in_list(name_of(c), later)) {
        diag_error(xml_loc(x, c), "element '%s' is not supported by moat yet", name_of(c));
    } else {
        diag_error(xml_loc(x, c), "unknown element '%s' in '%s'", name_of(c), name_of(parent));
    }
}

// For elements that hold nothing: <program_image>, <end>.
static void
no_children(const struct xml *x, xmlNodePtr n)
{
    int text = 0;

    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (is_element(x, n, c, &text)) {
            child_error(x, n, c, NULL);
        }
    }
}

static void
parse_image(const struct xml *x, xmlNodePtr n, struct pd *pd)
{
    char *path, *sym;

    check_attrs(x, n, image_attrs);
    no_children(x, n);
    if (++pd->nimage > 1) {
        diag_error(xml_loc(x, n), "protection domain '%s' has more than one <program_image>",
                   pd->name ? pd->name : "");
        diag_note(pd->image_at, "first given here");
        return;
    }
    pd->image_at = xml_loc(x, n);
    path = require(x, n, "path");
    if (path != NULL && path[0] == '\0') {
        diag_error(xml_loc_attr(x, n, "path"), "attribute 'path' must not be empty");
        free(path);
        path = NULL;
    }
    if (path != NULL) {
        pd->image_at = xml_loc_attr(x, n, "path");
    }
    pd->image = path;
    sym = get(n, "path_for_symbols");
    if (sym != NULL && sym[0] == '\0') {
        diag_error(xml_loc_attr(x, n, "path_for_symbols"),
                   "attribute 'path_for_symbols' must not be empty");
        free(sym);
        sym = NULL;
    }
    pd->symbols = sym;
    pd->symbols_at = xml_loc_attr(x, n, "path_for_symbols");
}

static void
pd_name(const struct xml *x, xmlNodePtr n, struct pd *pd)
{
    pd->name = require(x, n, "name");
    if (pd->name == NULL)
        return;
    pd->name_at = xml_loc_attr(x, n, "name");
    if (pd->name[0] == '\0') {
        diag_error(pd->name_at, "protection domain name must not be empty");
    } else if (strlen(pd->name) > MOAT_NAME_LEN) {
        diag_error(pd->name_at, "protection domain name '%s' is longer than %d bytes", pd->name,
                   MOAT_NAME_LEN);
    }
}

static void
pd_rejected(const struct xml *x, xmlNodePtr n)
{
    if (xmlHasNsProp(n, (const xmlChar *)"smc", NULL)) {
        diag_error(xml_loc_attr(x, n, "smc"), "attribute 'smc' is ARM only");
    }
    if (xmlHasNsProp(n, (const xmlChar *)"id", NULL)) {
        diag_error(xml_loc_attr(x, n, "id"), "attribute 'id' is only valid on a child protection "
                   "domain, which moat does not support yet");
    }
    if (xmlHasNsProp(n, (const xmlChar *)"setvar_id", NULL)) {
        diag_error(xml_loc_attr(x, n, "setvar_id"), "attribute 'setvar_id' is only valid on a "
                   "child protection domain, which moat does not support yet");
    }
    if (xmlHasNsProp(n, (const xmlChar *)"pp", NULL)) {
        diag_error(xml_loc_attr(x, n, "pp"), "the PD-level 'pp' attribute was removed in Microkit "
                   "2.0; write pp=\"true\" on the caller's <end> of the channel instead");
    }
}

static void
pd_numbers(const struct xml *x, xmlNodePtr n, struct pd *pd)
{
    uint64_t v = 0;
    int has_budget, has_period;

    if (number(x, n, "priority", &v) > 0) {
        if (v > MOAT_MAX_PRIO) {
            diag_error(xml_loc_attr(x, n, "priority"), "priority %llu out of range (0..%d)",
                       (unsigned long long)v, MOAT_MAX_PRIO);
        }
        pd->prio = (unsigned)(v > MOAT_MAX_PRIO ? 0 : v);
    }
    pd->budget = 1000;
    has_budget = number(x, n, "budget", &pd->budget);
    has_period = number(x, n, "period", &pd->period);
    if (has_period <= 0) {
        pd->period = pd->budget;
    }
    if (has_budget >= 0 && has_period > 0 && pd->budget > pd->period) {
        diag_error(xml_loc_attr(x, n, has_budget ? "budget" : "period"),
                   "budget (%llu) must not exceed period (%llu)", (unsigned long long)pd->budget,
                   (unsigned long long)pd->period);
    }
    pd->stack_size = STACK_SIZE_DEF;
    if (number(x, n, "stack_size", &pd->stack_size) > 0) {
        struct loc at = xml_loc_attr(x, n, "stack_size");
        if (pd->stack_size < STACK_SIZE_MIN || pd->stack_size > STACK_SIZE_MAX) {
            diag_error(at, "stack_size 0x%llx out of range (0x%lx..0x%lx)",
                       (unsigned long long)pd->stack_size, STACK_SIZE_MIN, STACK_SIZE_MAX);
            pd->stack_size = STACK_SIZE_DEF;
        } else if (pd->stack_size % PAGE_SIZE != 0) {
            diag_error(at, "stack_size 0x%llx is not a multiple of %lu",
                       (unsigned long long)pd->stack_size, PAGE_SIZE);
            pd->stack_size = STACK_SIZE_DEF;
        }
    }
    v = 0;
    if (number(x, n, "cpu", &v) > 0 && v != 0) {
        diag_error(xml_loc_attr(x, n, "cpu"), "cpu %llu out of range (moat runs on one core: 0)",
                   (unsigned long long)v);
    }
}

static void
parse_pd(struct parser *p, xmlNodePtr n)
{
    const struct xml *x = p->x;
    struct system *sys = p->sys;
    struct pd *pd;
    bool fpu = true;
    int text = 0;

    sys->pd = realloc(sys->pd, (size_t)(sys->npds + 1) * sizeof *sys->pd);
    if (sys->pd == NULL) {
        abort();
    }
    pd = &sys->pd[sys->npds++];
    *pd = (struct pd){.at = xml_loc(x, n)};
    check_attrs(x, n, pd_attrs);
    pd_name(x, n, pd);
    pd_rejected(x, n);
    pd_numbers(x, n, pd);
    boolean(x, n, "passive", &pd->passive);
    boolean(x, n, "fpu", &fpu);
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (!is_element(x, n, c, &text))
            continue;
        if (strcmp(name_of(c), "program_image") == 0) {
            parse_image(x, c, pd);
        } else {
            child_error(x, n, c, pd_later);
        }
    }
    if (pd->nimage == 0) {
        diag_error(pd->at, "protection domain '%s' has no <program_image>",
                   pd->name ? pd->name : "");
    }
}

// Channel ids are decimal only, as in Microkit.
static void
end_id(const struct xml *x, xmlNodePtr n, struct end *e)
{
    char *v = require(x, n, "id");
    size_t len;

    if (v == NULL)
        return;
    e->id_at = xml_loc_attr(x, n, "id");
    len = strspn(v, "0123456789");
    if (len == 0 || v[len] != '\0') {
        diag_error(e->id_at, "invalid channel id '%s' (a decimal number is expected)", v);
    } else if (len > 9 || strtoul(v, NULL, 10) >= MOAT_MAX_CHANNELS) {
        diag_error(e->id_at, "channel id %s out of range (0..%d)", v, MOAT_MAX_CHANNELS - 1);
    } else {
        e->id = (unsigned)strtoul(v, NULL, 10);
        e->id_ok = true;
    }
    free(v);
}

static void
parse_end(const struct xml *x, xmlNodePtr n, struct end *e)
{
    *e = (struct end){.at = xml_loc(x, n), .pd = -1, .notify = true};
    check_attrs(x, n, end_attrs);
    no_children(x, n);
    e->pd_name = require(x, n, "pd");
    e->pd_at = xml_loc_attr(x, n, "pd");
    end_id(x, n, e);
    boolean(x, n, "pp", &e->pp);
    e->pp_at = xml_loc_attr(x, n, "pp");
    boolean(x, n, "notify", &e->notify);
    e->setvar = get(n, "setvar_id");
    e->setvar_at = xml_loc_attr(x, n, "setvar_id");
    if (e->setvar != NULL && e->setvar[0] == '\0') {
        diag_error(e->setvar_at, "attribute 'setvar_id' must not be empty");
        free(e->setvar);
        e->setvar = NULL;
    }
}

static void
parse_channel(struct parser *p, xmlNodePtr n)
{
    const struct xml *x = p->x;
    struct system *sys = p->sys;
    struct channel *ch;
    int text = 0, ends = 0;

    sys->ch = realloc(sys->ch, (size_t)(sys->nch + 1) * sizeof *sys->ch);
    if (sys->ch == NULL) {
        abort();
    }
    ch = &sys->ch[sys->nch++];
    *ch = (struct channel){.at = xml_loc(x, n)};
    check_attrs(x, n, channel_attrs);
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (!is_element(x, n, c, &text))
            continue;
        if (strcmp(name_of(c), "end") != 0) {
            child_error(x, n, c, NULL);
            continue;
        }
        if (ends < 2) {
            parse_end(x, c, &ch->end[ends]);
            ch->nend = ends + 1;
        }
        ends++;
    }
    if (ends != 2) {
        diag_error(ch->at, "a channel must have exactly two <end> elements, not %d", ends);
    }
}

int
sdf_parse(const struct xml *x, struct system *sys)
{
    struct parser p = {x, sys};
    xmlNodePtr root = xmlDocGetRootElement(x->doc);
    int before = diag_count(), text = 0;

    *sys = (struct system){0};
    if (root == NULL) {
        diag_error((struct loc){x->file, 1, 1}, "no root element");
        return diag_count() - before;
    }
    sys->at = xml_loc(x, root);
    if (strcmp(name_of(root), "system") != 0) {
        diag_error(sys->at, "the root element must be 'system', not '%s'", name_of(root));
        return diag_count() - before;
    }
    sys->root_ok = true;
    check_attrs(x, root, system_attrs);
    for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
        if (!is_element(x, root, c, &text))
            continue;
        if (strcmp(name_of(c), "protection_domain") == 0) {
            parse_pd(&p, c);
        } else if (strcmp(name_of(c), "channel") == 0) {
            parse_channel(&p, c);
        } else {
            child_error(x, root, c, system_later);
        }
    }
    return diag_count() - before;
}

void
sdf_free(struct system *sys)
{
    for (int i = 0; i < sys->npds; i++) {
        free(sys->pd[i].name);
        free(sys->pd[i].image);
        free(sys->pd[i].symbols);
        elf_free(&sys->pd[i].elf);
    }
    for (int i = 0; i < sys->nch; i++) {
        for (int j = 0; j < sys->ch[i].nend; j++) {
            free(sys->ch[i].end[j].pd_name);
            free(sys->ch[i].end[j].setvar);
        }
    }
    free(sys->pd);
    free(sys->ch);
    *sys = (struct system){0};
}
