// SPDX-License-Identifier: BSD-2-Clause
//
// Elements and attributes -> struct system. Every element checks its own
// attribute list (unknown ones are errors) and the type and range of each
// value; parsing continues after an error so that one run reports them all.
// Rules between elements (names, ids, priorities) are in check.c.
#include "sdf.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moat/image.h"
#include "moat/tockdrv.h"

struct parser {
    const struct xml *x;
    struct system *sys;
};

static const char *const system_attrs[] = {NULL};
static const char *const pd_attrs[] = {"name", "priority", "budget", "period", "passive",
                                       "stack_size", "cpu", "fpu", "smc", "id", "setvar_id",
                                       "pp", "dma_trusted", "domain", NULL};
static const char *const image_attrs[] = {"path", "path_for_symbols", NULL};
static const char *const channel_attrs[] = {NULL};
static const char *const end_attrs[] = {"pd", "id", "pp", "notify", "setvar_id", NULL};
static const char *const region_attrs[] = {"name", "size", "page_size", "phys_addr",
                                           "prefill_path", "prefill_bootinfo", NULL};
static const char *const map_attrs[] = {"mr", "vaddr", "perms", "cached", "setvar_vaddr",
                                        "setvar_size", "setvar_prefill_size", NULL};
static const char *const setvar_attrs[] = {"symbol", "region_paddr", NULL};
static const char *const irq_attrs[] = {"irq", "id", "trigger", "setvar_id", NULL};
static const char *const service_attrs[] = {"name", "pd", NULL};
static const char *const client_attrs[] = {"pd", "share", NULL};
static const char *const tock_driver_attrs[] = {"num", "pd", NULL};
static const char *const tock_client_attrs[] = {"pd", NULL};
static const char *const domains_attrs[] = {NULL};
static const char *const domain_attrs[] = {"name", "id", NULL};
static const char *const schedule_attrs[] = {"start_index", "index_shift", NULL};
static const char *const entry_attrs[] = {"domain", "duration", NULL};
static const char *const end_marker_attrs[] = {NULL};
static const char *const cspace_attrs[] = {NULL};
static const char *const cap_attrs[] = {"slot", "pd", NULL};

// The elements each element holds, for "did you mean"; an element not listed
// holds none.
static const char *const system_children[] = {"protection_domain", "channel", "memory_region",
                                              "service", "tock_driver", "domains", NULL};
static const char *const pd_children[] = {"program_image", "map", "setvar", "irq", "cspace",
                                          "protection_domain", NULL};
static const char *const channel_children[] = {"end", NULL};
static const char *const client_children[] = {"client", NULL};
static const char *const domains_children[] = {"domain", "domain_schedule", NULL};
static const char *const schedule_children[] = {"schedule_entry", "schedule_end_marker", NULL};
static const char *const cspace_children[] = {"cap_tcb", "cap_sc", "cap_vspace", NULL};

// The elements whose name others use, what kind of name it is (as
// check_unknown() says it), and how one is found.
static const struct {
    const char *element, *kind;
    int (*find)(const struct system *sys, const char *name);
} definers[] = {
    {"protection_domain", "protection domain", sdf_find_pd},
    {"memory_region", "memory region", sdf_find_region},
    {"domain", "domain", sdf_find_domain},
};

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

// Appends a zeroed element to *arr (of *n elements of size el); returns it.
void *
sdf_grow(void *arr, int *n, size_t el)
{
    void **a = arr;
    unsigned char *p = realloc(*a, (size_t)(*n + 1) * el);

    if (p == NULL) {
        abort();
    }
    *a = p;
    memset(p + (size_t)*n * el, 0, el);
    return p + (size_t)(*n)++ * el;
}

static const char *
name_of(xmlNodePtr n)
{
    return (const char *)n->name;
}

static int
list_len(const char *const *list)
{
    int n = 0;

    while (list != NULL && list[n] != NULL) {
        n++;
    }
    return n;
}

// The unknown attribute of n taken for a misspelling of name (check_attrs
// marks it so in its _private), or NULL. Such a name is neither read nor
// reported missing: its value is not known.
static xmlAttrPtr
misspelt(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
        if (a->_private != NULL && strcmp(a->_private, name) == 0)
            return a;
    }
    return NULL;
}

// Attributes that elements take only to refuse them with a message of their
// own: never given as a hint.
static const char *const refused_attrs[][2] = {
    {"protection_domain", "smc"},
    {"protection_domain", "pp"},
    {"memory_region", "prefill_bootinfo"},
};

static bool
hintable(xmlNodePtr n, const char *attr)
{
    for (size_t i = 0; i < sizeof refused_attrs / sizeof refused_attrs[0]; i++) {
        if (strcmp(name_of(n), refused_attrs[i][0]) == 0 && strcmp(attr, refused_attrs[i][1]) == 0)
            return false;
    }
    return !xmlHasNsProp(n, (const xmlChar *)attr, NULL) && !misspelt(n, attr);
}

// Reports attributes of n not in allowed. One close to an allowed attribute
// that n has not got is named as a hint and taken for a misspelling of it.
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
        if (a->ns == NULL && in_list(full, allowed))
            continue;
        const char *absent[XML_MAX_ATTRS] = {0}, *hint = NULL;
        int k = 0;
        // Hints cost time: none for an error that will not be shown (nor is
        // anything said after it that the hint would have kept quiet).
        for (int i = 0; a->ns == NULL && diag_shown() && allowed[i] != NULL && k < XML_MAX_ATTRS;
             i++) {
            if (hintable(n, allowed[i])) {
                absent[k++] = allowed[i];
            }
        }
        hint = sdf_nearest(full, absent, k, sizeof absent[0], 0);
        if (hint != NULL) {
            diag_error(xml_loc_attr(x, n, full), "unknown attribute '%s' on element '%s'; did you "
                       "mean '%s'?", full, name_of(n), hint);
            a->_private = (void *)hint;
        } else {
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

    if (v == NULL && !misspelt(n, name)) {
        diag_error(xml_loc(x, n), "missing required attribute '%s' on element '%s'", name,
                   name_of(n));
    }
    return v;
}

// An optional string attribute that must not be empty (NULL if absent or
// empty); *at is set to its position.
static char *
nonempty(const struct xml *x, xmlNodePtr n, const char *name, struct loc *at)
{
    char *v = get(n, name);

    *at = xml_loc_attr(x, n, name);
    if (v != NULL && v[0] == '\0') {
        diag_error(*at, "attribute '%s' must not be empty", name);
        free(v);
        v = NULL;
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
// present and valid, 0 if absent, -1 after reporting (a misspelling of it
// too: its value is not known).
static int
number(const struct xml *x, xmlNodePtr n, const char *name, uint64_t *out)
{
    char *v = get(n, name);
    int r;

    if (v == NULL)
        return misspelt(n, name) ? -1 : 0;
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

// Reads a boolean attribute: exactly "true" or "false". A value refused or
// misspelt is not known: *out is then `quiet`, the value about which no
// later check says anything (a refused dma_trusted does not bring the DMA
// warning).
static void
boolean(const struct xml *x, xmlNodePtr n, const char *name, bool *out, bool quiet)
{
    char *v = get(n, name);

    if (v == NULL) {
        *out = misspelt(n, name) ? quiet : *out;
        return;
    }
    if (strcmp(v, "true") == 0) {
        *out = true;
    } else if (strcmp(v, "false") == 0) {
        *out = false;
    } else {
        diag_error(xml_loc_attr(x, n, name), "attribute '%s' must be 'true' or 'false', not '%s'",
                   name, v);
        *out = quiet;
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

// Reports c, which parent does not hold, with the nearest of the elements
// it does hold (children, NULL-terminated) as a hint; returns the hint or NULL.
static const char *
child_error(const struct xml *x, xmlNodePtr parent, xmlNodePtr c, const char *const *children)
{
    const char *hint = diag_shown() ? sdf_nearest(name_of(c), children, list_len(children),
                                                  sizeof *children, 0)
                                    : NULL; // as check_attrs()

    if (hint != NULL) {
        diag_error(xml_loc(x, c), "unknown element '%s' in '%s'; did you mean '%s'?", name_of(c),
                   name_of(parent), hint);
    } else {
        diag_error(xml_loc(x, c), "unknown element '%s' in '%s'", name_of(c), name_of(parent));
    }
    return hint;
}

// Elements of Microkit that belong to other architectures or to features
// moat does not have, by parent (a <virtual_machine> may only be a PD's
// child in Microkit, but it is the same refusal at the top level).
struct foreign {
    const char *element, *message;
};
static const struct foreign system_foreign[] = {
    {"cnode", "CNodes are not supported by moat (it has no capability spaces: a <cspace> "
              "holds only <cap_tcb>, <cap_sc> and <cap_vspace>)"},
    {"virtual_machine", "virtual machines are not supported by moat (it runs no guests)"},
    {"io_address_space", "I/O address spaces are not supported by moat (it programs no IOMMU)"},
    {NULL, NULL},
};
static const struct foreign pd_foreign[] = {
    {"virtual_machine", "virtual machines are not supported by moat (it runs no guests)"},
    {"ioport", "I/O ports are x86 only"},
    {NULL, NULL},
};

static void lost_names(struct system *sys, xmlNodePtr c, const char *hint);

// Reports c if it is one of `list`, once: nothing is said about its
// attributes or children. Returns true if it was.
static bool
foreign_element(const struct xml *x, struct system *sys, xmlNodePtr c, const struct foreign *list)
{
    for (; list->element != NULL; list++) {
        if (strcmp(name_of(c), list->element) == 0) {
            diag_error(xml_loc(x, c), "%s", list->message);
            lost_names(sys, c, NULL);
            return true;
        }
    }
    return false;
}

static void
add_lost(struct system *sys, char *name, const char *kind)
{
    *(struct lost *)sdf_grow(&sys->lost, &sys->nlost, sizeof *sys->lost) =
        (struct lost){name, kind};
}

// The entry of definers[] for element, or -1.
static int
definer(const char *element)
{
    for (size_t i = 0; element != NULL && i < sizeof definers / sizeof definers[0]; i++) {
        if (strcmp(element, definers[i].element) == 0)
            return (int)i;
    }
    return -1;
}

// Notes the name that c, an element refused (misspelt, say) and not read,
// would have defined, so that its uses are not reported again as unknown: a
// name of the kind that its hint (the element it is close to) defines, or of
// any kind if that defines none or there is no hint. (An element that
// defines names, out of place, is lost_unread()'s: its kind is known.)
static void
lost_names(struct system *sys, xmlNodePtr c, const char *hint)
{
    char *name = definer(name_of(c)) < 0 ? get(c, "name") : NULL;
    int d = definer(hint);

    if (name != NULL) {
        add_lost(sys, name, d >= 0 ? definers[d].kind : NULL);
    }
}

// Notes the names of the elements from n on (its siblings and everything
// in them) that define a name that is not defined: those that were not
// read, being inside a refused element or out of place. Runs once the
// names are indexed.
static void
lost_unread(struct system *sys, xmlNodePtr n)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        int d = definer(name_of(n));
        char *name = d >= 0 ? get(n, "name") : NULL;
        if (name != NULL && definers[d].find(sys, name) < 0) {
            add_lost(sys, name, definers[d].kind);
        } else {
            free(name);
        }
        lost_unread(sys, n->children);
    }
}

bool
sdf_lost(const struct system *sys, const char *kind, const char *name)
{
    for (int i = 0; i < sys->nlost; i++) {
        const struct lost *l = &sys->lost[i];
        if ((l->kind == NULL || strcmp(l->kind, kind) == 0) &&
            (l->name == NULL || strcmp(l->name, name) == 0))
            return true;
    }
    return false;
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

// Starts an element that holds nothing: checks its attributes and that it
// has no children; returns its position.
static struct loc
leaf(const struct xml *x, xmlNodePtr n, const char *const *attrs)
{
    check_attrs(x, n, attrs);
    no_children(x, n);
    return xml_loc(x, n);
}

// A required string attribute that must not be empty (NULL if either).
static char *
require_nonempty(const struct xml *x, xmlNodePtr n, const char *name, struct loc *at)
{
    if (xmlHasNsProp(n, (const xmlChar *)name, NULL))
        return nonempty(x, n, name, at);
    free(require(x, n, name));
    *at = xml_loc_attr(x, n, name);
    return NULL;
}

static void
parse_image(const struct xml *x, xmlNodePtr n, struct pd *pd)
{
    struct loc at = leaf(x, n, image_attrs);

    if (++pd->nimage > 1) {
        diag_error(at, "protection domain '%s' has more than one <program_image>",
                   pd->name ? pd->name : "");
        diag_note(pd->image_at, "first given here");
        return;
    }
    pd->image = require_nonempty(x, n, "path", &pd->image_at);
    if (pd->image == NULL) {
        pd->image_at = at;
    }
    pd->symbols = nonempty(x, n, "path_for_symbols", &pd->symbols_at);
}

// Reads required attribute name as a `what` in lo..hi; returns true if valid.
// Channel and irq ids and irq numbers are decimal only (digits, no '_'), as
// Microkit parses them; child ids and cspace slots (`hex`) are any number
// parse_u64 takes, as Microkit parses them with its number parser.
static bool
ranged(const struct xml *x, xmlNodePtr n, const char *name, const char *what, bool hex,
       unsigned lo, unsigned hi, unsigned *out, struct loc *at)
{
    char *v = require(x, n, name);
    uint64_t u = 0;
    bool ok = false;
    int r;

    *at = xml_loc_attr(x, n, name);
    if (v == NULL)
        return false;
    if (!hex && v[strspn(v, "0123456789")] != '\0')
        r = -1;
    else
        r = parse_u64(v, &u);
    if (r == -1) {
        diag_error(*at, "invalid %s '%s' (a %s number is expected)", what, v,
                   hex ? "decimal or 0x hexadecimal" : "decimal");
    } else if (r == -2 || u < lo || u > hi) {
        diag_error(*at, "%s %s out of range (%u..%u)", what, v, lo, hi);
    } else {
        *out = (unsigned)u;
        ok = true;
    }
    free(v);
    return ok;
}

// A name is printable ASCII: PD names are printed on the console (by the
// kernel, on every fault and refused call), all names in the report, and a
// newline or control character in one could forge a line. PD and service
// names are also at most MOAT_NAME_LEN bytes (the kernel and the library
// keep them), and a service name has no spaces: clients look it up by it.
static void
check_name(struct loc at, const char *kind, const char *name, bool spaces, size_t max)
{
    size_t i = 0, len = strlen(name);
    unsigned char lo = spaces ? 0x20 : 0x21;

    while (i < len && (unsigned char)name[i] >= lo && (unsigned char)name[i] <= 0x7e) {
        i++;
    }
    if (len == 0) {
        diag_error(at, "%s name must not be empty", kind);
    } else if (i < len) {
        diag_error(at, "invalid byte 0x%02x at offset %zu of %s name (printable ASCII%s is "
                   "expected: 0x%02x..0x7e)", (unsigned char)name[i], i, kind,
                   spaces ? "" : " without spaces", lo);
    } else if (len > max) {
        diag_error(at, "%s name '%s' is longer than %zu bytes", kind, name, max);
    }
}

// The `name` of n, an element that defines a name of kind (of at most max
// bytes), checked; NULL if it has none or an empty one, which is no name:
// nothing compares it. The element may then be the one that a use of an
// unknown name of its kind means, so that is not reported unknown: the
// value of the misspelt attribute taken for `name`, or any name of the kind.
static char *
def_name(const struct xml *x, struct system *sys, xmlNodePtr n, const char *kind, size_t max,
         struct loc *at)
{
    char *name = require(x, n, "name");
    xmlAttrPtr typo = misspelt(n, "name");

    *at = xml_loc_attr(x, n, "name");
    if (name != NULL) {
        check_name(*at, kind, name, true, max);
    }
    if (name != NULL && name[0] != '\0')
        return name;
    free(name);
    add_lost(sys, typo != NULL ? get(n, (const char *)typo->name) : NULL, kind);
    return NULL;
}

// Attributes valid only in some places: `smc` nowhere, `pp` no longer, `id`
// (required) and `setvar_id` only on a child.
static void
pd_restricted(const struct xml *x, xmlNodePtr n, struct pd *pd)
{
    static const char *const child_only[] = {"id", "setvar_id"};

    if (xmlHasNsProp(n, (const xmlChar *)"smc", NULL)) {
        diag_error(xml_loc_attr(x, n, "smc"), "attribute 'smc' is ARM only");
    }
    if (pd->parent >= 0) {
        pd->id_ok = ranged(x, n, "id", "child id", true, 0, MOAT_MAX_CHANNELS - 1,
                           &pd->child_id, &pd->id_at);
        pd->setvar_id = nonempty(x, n, "setvar_id", &pd->setvar_id_at);
    }
    for (int i = 0; i < 2 && pd->parent < 0; i++) {
        if (xmlHasNsProp(n, (const xmlChar *)child_only[i], NULL)) {
            diag_error(xml_loc_attr(x, n, child_only[i]), "attribute '%s' is only valid on a "
                       "child protection domain (one nested in another)", child_only[i]);
        }
    }
    if (xmlHasNsProp(n, (const xmlChar *)"pp", NULL)) {
        diag_error(xml_loc_attr(x, n, "pp"), "the PD-level 'pp' attribute was removed in Microkit "
                   "2.0; write pp=\"true\" on the caller's <end> of the channel instead");
    }
}

// A budget or period in microseconds: 1..IMAGE_MAX_PERIOD_US. Returns 1 if
// present and valid (*out set), 0 if absent, -1 after reporting.
_Static_assert(IMAGE_MAX_PERIOD_US == 3600000000UL, "the message below says one hour");
static int
sched_time(const struct xml *x, xmlNodePtr n, const char *name, uint64_t *out)
{
    uint64_t v = 0;
    int r = number(x, n, name, &v);

    if (r <= 0)
        return r;
    if (v == 0) {
        diag_error(xml_loc_attr(x, n, name), "%s must not be zero", name);
        return -1;
    }
    if (v > IMAGE_MAX_PERIOD_US) {
        diag_error(xml_loc_attr(x, n, name), "%s %llu us is longer than one hour (at most %lu us)",
                   name, (unsigned long long)v, IMAGE_MAX_PERIOD_US);
        return -1;
    }
    *out = v;
    return 1;
}

// budget defaults to BUDGET_DEF and period to budget, as in Microkit; both
// are then in 1..IMAGE_MAX_PERIOD_US and budget <= period, which the image
// needs (layout.c writes them as they are). A value refused is replaced by
// the default and its PD marked sched_bad, so that nothing compares it again.
static void
pd_sched(const struct xml *x, xmlNodePtr n, struct pd *pd)
{
    int has_budget, has_period;

    pd->budget = BUDGET_DEF;
    has_budget = sched_time(x, n, "budget", &pd->budget);
    has_period = sched_time(x, n, "period", &pd->period);
    if (has_period <= 0) {
        pd->period = pd->budget;
    }
    pd->sched_bad = has_budget < 0 || has_period < 0;
    if (!pd->sched_bad && pd->budget > pd->period) {
        // has_period > 0 here: a defaulted period equals the budget.
        diag_error(xml_loc_attr(x, n, has_budget ? "budget" : "period"),
                   "budget (%llu%s) must not exceed period (%llu)", (unsigned long long)pd->budget,
                   has_budget ? "" : ", the default", (unsigned long long)pd->period);
        pd->sched_bad = true;
    }
    if (pd->sched_bad) {
        pd->budget = BUDGET_DEF;
        pd->period = pd->period >= BUDGET_DEF ? pd->period : BUDGET_DEF;
    }
}

static void
pd_numbers(const struct xml *x, xmlNodePtr n, struct pd *pd)
{
    uint64_t v = 0;

    int has_prio = number(x, n, "priority", &v);
    if (has_prio > 0 && v > MOAT_MAX_PRIO) {
        diag_error(xml_loc_attr(x, n, "priority"), "priority %llu out of range (0..%d)",
                   (unsigned long long)v, MOAT_MAX_PRIO);
    }
    pd->prio_bad = has_prio < 0 || v > MOAT_MAX_PRIO;
    pd->prio = pd->prio_bad ? 0 : (unsigned)v;
    pd_sched(x, n, pd);
    pd->stack_size = STACK_SIZE_DEF;
    int has_stack = number(x, n, "stack_size", &pd->stack_size);
    if (has_stack > 0) {
        struct loc at = xml_loc_attr(x, n, "stack_size");
        if (pd->stack_size < STACK_SIZE_MIN || pd->stack_size > STACK_SIZE_MAX) {
            diag_error(at, "stack_size 0x%llx out of range (0x%lx..0x%lx)",
                       (unsigned long long)pd->stack_size, STACK_SIZE_MIN, STACK_SIZE_MAX);
            has_stack = -1;
        } else if (pd->stack_size % PAGE_SIZE != 0) {
            diag_error(at, "stack_size 0x%llx is not a multiple of %lu",
                       (unsigned long long)pd->stack_size, PAGE_SIZE);
            has_stack = -1;
        }
    }
    pd->stack_bad = has_stack < 0;
    if (pd->stack_bad) {
        pd->stack_size = STACK_SIZE_DEF;
    }
    pd->has_cpu = number(x, n, "cpu", &pd->cpu) > 0; // checked against the cores in check_system
    if (pd->has_cpu)
        pd->cpu_at = xml_loc_attr(x, n, "cpu");
    else
        pd->cpu = 0;
}

// perms: the letters r, w and x, each at most once; not w without r.
static void
map_perms(const struct xml *x, xmlNodePtr n, struct map *m)
{
    char *v = get(n, "perms");
    unsigned p = 0;
    bool bad = false;

    m->perms_at = xml_loc_attr(x, n, "perms");
    m->perms = PF_R | PF_W;
    if (v == NULL)
        return;
    for (const char *c = v; *c != '\0'; c++) {
        unsigned bit = *c == 'r' ? PF_R : *c == 'w' ? PF_W : *c == 'x' ? PF_X : 0;
        bad |= bit == 0 || (p & bit) != 0;
        p |= bit;
    }
    if (bad || p == 0) {
        diag_error(m->perms_at, "invalid perms '%s' (the letters r, w and x, each at most once)",
                   v);
    } else if ((p & PF_W) && !(p & PF_R)) {
        diag_error(m->perms_at, "perms must not be '%s': a writable mapping must also be "
                   "readable (write-only mappings are not allowed)", v);
    } else {
        m->perms = p;
    }
    free(v);
}

static void
parse_map(const struct xml *x, xmlNodePtr n, struct map *m)
{
    m->at = leaf(x, n, map_attrs);
    m->region = -1;
    m->cached = true;
    m->mr = require(x, n, "mr");
    m->mr_at = xml_loc_attr(x, n, "mr");
    m->vaddr_at = xml_loc_attr(x, n, "vaddr");
    if (!xmlHasNsProp(n, (const xmlChar *)"vaddr", NULL)) {
        free(require(x, n, "vaddr"));
    } else {
        m->vaddr_ok = number(x, n, "vaddr", &m->vaddr) > 0;
    }
    map_perms(x, n, m);
    boolean(x, n, "cached", &m->cached, true);
    m->setvar_vaddr = nonempty(x, n, "setvar_vaddr", &m->svaddr_at);
    m->setvar_size = nonempty(x, n, "setvar_size", &m->ssize_at);
    m->setvar_prefill_size = nonempty(x, n, "setvar_prefill_size", &m->sprefill_at);
}

static void
parse_setvar(const struct xml *x, xmlNodePtr n, struct setvar *v)
{
    v->at = leaf(x, n, setvar_attrs);
    v->region = -1;
    v->symbol = require_nonempty(x, n, "symbol", &v->symbol_at);
    v->region_name = require(x, n, "region_paddr");
    v->region_at = xml_loc_attr(x, n, "region_paddr");
}

// Microkit's x86 forms of <irq>: I/O APIC (`pin`, with `ioapic`, `trigger`,
// `polarity`, `vector`) and MSI (`pcidev`, with `handle`, `vector`). They are
// told apart as Microkit does (`irq` first, then `pin`, then `pcidev`);
// one is refused at its marking attribute, and nothing else is read.
static bool
x86_irq(const struct xml *x, xmlNodePtr n)
{
    const char *attr, *what;
    int text = 0;

    if (xmlHasNsProp(n, (const xmlChar *)"irq", NULL))
        return false;
    if (xmlHasNsProp(n, (const xmlChar *)"pin", NULL)) {
        attr = "pin";
        what = "I/O APIC";
    } else if (xmlHasNsProp(n, (const xmlChar *)"pcidev", NULL)) {
        attr = "pcidev";
        what = "MSI";
    } else {
        return false;
    }
    diag_error(xml_loc_attr(x, n, attr), "x86 %s interrupts are not available on RISC-V (an "
               "<irq> names a PLIC source with 'irq')", what);
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        is_element(x, n, c, &text); // text is still reported, children are not
    }
    return true;
}

static void
parse_irq(const struct xml *x, xmlNodePtr n, struct irq *q)
{
    char *trigger;

    q->at = leaf(x, n, irq_attrs);
    q->irq_ok = ranged(x, n, "irq", "irq number", false, 1, IMAGE_MAX_IRQS - 1, &q->irq,
                       &q->irq_at);
    q->id_ok = ranged(x, n, "id", "irq id", false, 0, MOAT_MAX_CHANNELS - 1, &q->id, &q->id_at);
    trigger = get(n, "trigger");
    if (trigger != NULL && strcmp(trigger, "edge") == 0) {
        q->edge = true;
        diag_warning(xml_loc_attr(x, n, "trigger"), "trigger=\"edge\" has no effect on RISC-V: "
                     "whether a PLIC source is edge- or level-triggered is fixed by the "
                     "hardware, not chosen by software");
    } else if (trigger != NULL && strcmp(trigger, "level") != 0) {
        diag_error(xml_loc_attr(x, n, "trigger"),
                   "attribute 'trigger' must be 'level' or 'edge', not '%s'", trigger);
    }
    free(trigger);
    q->setvar = nonempty(x, n, "setvar_id", &q->setvar_at);
}

static void
parse_region(const struct xml *x, struct system *sys, xmlNodePtr n, struct region *r)
{
    int size, page, phys;
    char *bootinfo;

    r->at = leaf(x, n, region_attrs);
    r->name = def_name(x, sys, n, "memory region", SIZE_MAX, &r->name_at);
    r->prefill = nonempty(x, n, "prefill_path", &r->prefill_at);
    r->prefill_given = xmlHasNsProp(n, (const xmlChar *)"prefill_path", NULL) != NULL ||
                       misspelt(n, "prefill_path");
    bootinfo = get(n, "prefill_bootinfo");
    r->bootinfo_given = bootinfo != NULL;
    if (bootinfo != NULL && strncmp(bootinfo, "x86_", 4) == 0) {
        diag_error(xml_loc_attr(x, n, "prefill_bootinfo"), "prefill_bootinfo '%s' is x86 only",
                   bootinfo);
    } else if (bootinfo != NULL) {
        diag_error(xml_loc_attr(x, n, "prefill_bootinfo"), "attribute 'prefill_bootinfo' is not "
                   "supported by moat (it has no seL4 boot information to copy)");
    }
    r->size_at = xml_loc_attr(x, n, "size");
    r->page_at = xml_loc_attr(x, n, "page_size");
    r->phys_at = xml_loc_attr(x, n, "phys_addr");
    size = number(x, n, "size", &r->size);
    page = number(x, n, "page_size", &r->page_size);
    phys = number(x, n, "phys_addr", &r->phys);
    r->has_size = size > 0;
    r->has_page = page > 0;
    r->has_phys = phys > 0;
    if (size == 0 && !r->prefill_given && bootinfo == NULL) {
        diag_error(r->at, "memory region '%s' needs attribute 'size' (it may be left out only "
                   "with 'prefill_path')", r->name ? r->name : "");
    }
    if (r->has_size && r->size == 0) {
        diag_error(r->size_at, "memory region size must not be zero");
        r->has_size = false;
    }
    if (r->has_page && r->page_size != PAGE_SIZE && r->page_size != LARGE_PAGE) {
        diag_error(r->page_at, "page size 0x%llx not supported (0x%lx or 0x%lx)",
                   (unsigned long long)r->page_size, PAGE_SIZE, LARGE_PAGE);
        r->has_page = false;
        page = -1;
    }
    r->ok = r->name != NULL && size >= 0 && page >= 0 && phys >= 0 &&
            (r->has_size || r->prefill != NULL) && bootinfo == NULL;
    free(bootinfo);
}

// <cspace>: the capabilities of other PDs (or its own) the PD may name, each
// in a root slot. Slots are checked here; the PDs named, in check.c.
static const struct foreign cspace_foreign[] = {
    {"cap_cspace", "capabilities to CNodes are not supported by moat (it has no capability "
                   "spaces: a <cspace> holds only <cap_tcb>, <cap_sc> and <cap_vspace>)"},
    {NULL, NULL},
};

static void
parse_cspace(const struct xml *x, struct system *sys, xmlNodePtr n, struct pd *pd)
{
    // The kind of each of cspace_children.
    static const unsigned kinds[] = {IMAGE_CAP_TCB, IMAGE_CAP_SC, IMAGE_CAP_VSPACE};
    _Static_assert(sizeof kinds / sizeof kinds[0] ==
                       sizeof cspace_children / sizeof cspace_children[0] - 1, "one kind each");
    int text = 0, first[IMAGE_CAP_SLOTS];
    struct loc at;

    check_attrs(x, n, cspace_attrs);
    at = xml_loc(x, n);
    if (pd->ncspace++ > 0) {
        diag_error(at, "protection domain '%s' has more than one <cspace>",
                   pd->name ? pd->name : "");
        diag_note(pd->cspace_at, "first given here");
        return;
    }
    pd->cspace_at = at;
    for (int i = 0; i < IMAGE_CAP_SLOTS; i++) {
        first[i] = -1;
    }
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (!is_element(x, n, c, &text))
            continue;
        size_t k = 0;
        while (k < sizeof kinds / sizeof kinds[0] && strcmp(name_of(c), cspace_children[k]) != 0) {
            k++;
        }
        if (k == sizeof kinds / sizeof kinds[0]) {
            if (!foreign_element(x, sys, c, cspace_foreign)) {
                child_error(x, n, c, cspace_children);
            }
            continue;
        }
        struct cap *cap = sdf_grow(&pd->cap, &pd->ncap, sizeof *pd->cap);
        cap->at = leaf(x, c, cap_attrs);
        cap->element = cspace_children[k];
        cap->kind = kinds[k];
        cap->pd = -1;
        cap->pd_name = require(x, c, "pd");
        cap->pd_at = xml_loc_attr(x, c, "pd");
        cap->slot_ok = ranged(x, c, "slot", "cspace slot", true, 1, IMAGE_CAP_SLOTS - 1,
                              &cap->slot, &cap->slot_at);
        if (!cap->slot_ok)
            continue;
        if (first[cap->slot] >= 0) {
            diag_error(cap->slot_at, "cspace slot %u is used twice", cap->slot);
            diag_note(pd->cap[first[cap->slot]].slot_at, "first used here");
            cap->slot_ok = false;
        } else {
            first[cap->slot] = pd->ncap - 1;
        }
    }
}

// A PD and, recursively, the PDs nested in it (`parent`: its index, or -1).
// pd[] grows during the recursion, so the PD is found again by index.
static void
parse_pd(struct parser *p, xmlNodePtr n, int parent)
{
    const struct xml *x = p->x;
    struct system *sys = p->sys;
    struct pd *pd;
    int text = 0, self = sys->npds;
    bool image_lost = false; // a refused child may have been the <program_image>

    pd = sdf_grow(&sys->pd, &sys->npds, sizeof *pd);
    pd->at = xml_loc(x, n);
    pd->parent = parent;
    pd->service = -1;
    pd->domain = -1;
    check_attrs(x, n, pd_attrs);
    pd->has_domain = xmlHasNsProp(n, (const xmlChar *)"domain", NULL) != NULL ||
                     misspelt(n, "domain");
    pd->domain_name = nonempty(x, n, "domain", &pd->domain_at);
    pd->name = def_name(x, sys, n, "protection domain", MOAT_NAME_LEN, &pd->name_at);
    pd_restricted(x, n, pd);
    pd_numbers(x, n, pd);
    boolean(x, n, "passive", &pd->passive, true); // not counted in check_time()
    boolean(x, n, "dma_trusted", &pd->dma_trusted, true);
    pd->fpu = true;
    boolean(x, n, "fpu", &pd->fpu, true);
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (!is_element(x, n, c, &text))
            continue;
        if (strcmp(name_of(c), "program_image") == 0) {
            parse_image(x, c, pd);
        } else if (strcmp(name_of(c), "map") == 0) {
            parse_map(x, c, sdf_grow(&pd->map, &pd->nmap, sizeof *pd->map));
        } else if (strcmp(name_of(c), "setvar") == 0) {
            parse_setvar(x, c, sdf_grow(&pd->setvar, &pd->nsetvar, sizeof *pd->setvar));
        } else if (strcmp(name_of(c), "irq") == 0 && x86_irq(x, c)) {
            continue;
        } else if (strcmp(name_of(c), "irq") == 0) {
            parse_irq(x, c, sdf_grow(&pd->irq, &pd->nirq, sizeof *pd->irq));
        } else if (strcmp(name_of(c), "cspace") == 0) {
            parse_cspace(x, sys, c, pd);
        } else if (strcmp(name_of(c), "protection_domain") == 0) {
            parse_pd(p, c, self);
            pd = &sys->pd[self];
        } else if (!foreign_element(x, sys, c, pd_foreign)) {
            lost_names(sys, c, child_error(x, n, c, pd_children));
            image_lost |= sdf_close(name_of(c), "program_image");
        }
    }
    if (pd->nimage == 0 && !image_lost) {
        diag_error(pd->at, "protection domain '%s' has no <program_image>",
                   pd->name ? pd->name : "");
    }
}

static void
parse_end(const struct xml *x, xmlNodePtr n, struct end *e)
{
    *e = (struct end){.at = leaf(x, n, end_attrs), .pd = -1, .notify = true};
    e->pd_name = require(x, n, "pd");
    e->pd_at = xml_loc_attr(x, n, "pd");
    e->id_ok = ranged(x, n, "id", "channel id", false, 0, MOAT_MAX_CHANNELS - 1, &e->id,
                      &e->id_at);
    boolean(x, n, "pp", &e->pp, false);
    e->pp_at = xml_loc_attr(x, n, "pp");
    boolean(x, n, "notify", &e->notify, true);
    e->setvar = nonempty(x, n, "setvar_id", &e->setvar_at);
}

static void
parse_channel(struct parser *p, xmlNodePtr n)
{
    const struct xml *x = p->x;
    struct system *sys = p->sys;
    struct channel *ch;
    int text = 0, ends = 0;
    bool refused = false; // a refused child may have been an <end>

    ch = sdf_grow(&sys->ch, &sys->nch, sizeof *ch);
    ch->at = xml_loc(x, n);
    check_attrs(x, n, channel_attrs);
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (!is_element(x, n, c, &text))
            continue;
        if (strcmp(name_of(c), "end") != 0) {
            child_error(x, n, c, channel_children);
            refused = true;
            continue;
        }
        if (ends < 2) {
            parse_end(x, c, &ch->end[ends]);
            ch->nend = ends + 1;
        }
        ends++;
    }
    if (ends > 2 || (ends < 2 && !refused)) {
        diag_error(ch->at, "a channel must have exactly two <end> elements, not %d", ends);
    }
}

static void
parse_service(const struct xml *x, xmlNodePtr n, struct service *s)
{
    int text = 0;

    check_attrs(x, n, service_attrs);
    s->name = require(x, n, "name");
    s->name_at = xml_loc_attr(x, n, "name");
    if (s->name != NULL) {
        check_name(s->name_at, "service", s->name, false, MOAT_NAME_LEN);
    }
    if (s->name != NULL && s->name[0] == '\0') {
        free(s->name); // no name: not compared with others
        s->name = NULL;
    }
    s->pd_name = require(x, n, "pd");
    s->pd_at = xml_loc_attr(x, n, "pd");
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (!is_element(x, n, c, &text))
            continue;
        if (strcmp(name_of(c), "client") != 0) {
            child_error(x, n, c, client_children);
            continue;
        }
        struct client *cl = sdf_grow(&s->client, &s->nclient, sizeof *s->client);
        leaf(x, c, client_attrs);
        cl->pd_name = require(x, c, "pd");
        cl->at = xml_loc_attr(x, c, "pd");
        char *share = get(c, "share");
        if (share != NULL && strcmp(share, "copy") == 0) {
            cl->copy = true;
        } else if (share != NULL && strcmp(share, "map") != 0) {
            diag_error(xml_loc_attr(x, c, "share"), "invalid share '%s' (\"map\", the default: "
                       "the service sees the client's pages; or \"copy\": it sees a copy of the "
                       "bytes shared)", share);
        }
        free(share);
    }
}

// <tock_driver num pd>, holding <client pd>s: a service (sdf.h) with a
// driver number. The numbers libtock serves itself need no PD.
static void
parse_tock_driver(const struct xml *x, xmlNodePtr n, struct service *s)
{
    static const struct {
        uint32_t num;
        const char *what;
    } builtin[] = {{0x0, "the alarm"}, {0x1, "the console"}, {0x10000, "IPC"}};
    uint64_t num = 0;
    int text = 0;

    check_attrs(x, n, tock_driver_attrs);
    s->tock = true;
    s->name_at = xml_loc_attr(x, n, "num");
    char *given = require(x, n, "num");
    if (given != NULL && number(x, n, "num", &num) == 1) {
        if (num > UINT32_MAX) {
            diag_error(s->name_at, "Tock driver number '%s' does not fit 32 bits", given);
        } else {
            s->tock_num = (uint32_t)num;
            char name[32];
            snprintf(name, sizeof name, TOCKDRV_SERVICE_FMT, s->tock_num);
            s->name = strdup(name);
            for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
                if (builtin[i].num == s->tock_num) {
                    diag_error(s->name_at, "Tock driver %#x (%s) is built into moat's libtock "
                               "and needs no <tock_driver>", s->tock_num, builtin[i].what);
                    free(s->name);
                    s->name = NULL;
                }
            }
        }
    }
    free(given);
    s->pd_name = require(x, n, "pd");
    s->pd_at = xml_loc_attr(x, n, "pd");
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (!is_element(x, n, c, &text))
            continue;
        if (strcmp(name_of(c), "client") != 0) {
            child_error(x, n, c, client_children);
            continue;
        }
        struct client *cl = sdf_grow(&s->client, &s->nclient, sizeof *s->client);
        leaf(x, c, tock_client_attrs);
        cl->pd_name = require(x, c, "pd");
        cl->at = xml_loc_attr(x, c, "pd");
    }
}

// <domain name id>: id is a number as for any attribute (hex too, as in
// Microkit), below IMAGE_MAX_DOMAINS.
static void
parse_domain(const struct xml *x, struct system *sys, xmlNodePtr n, struct domain *dm)
{
    uint64_t v = 0;

    dm->at = leaf(x, n, domain_attrs);
    dm->name = def_name(x, sys, n, "domain", SIZE_MAX, &dm->name_at);
    dm->id_at = xml_loc_attr(x, n, "id");
    if (number(x, n, "id", &v) > 0) {
        if (v >= IMAGE_MAX_DOMAINS) {
            diag_error(dm->id_at, "domain id %llu out of range (0..%d)", (unsigned long long)v,
                       IMAGE_MAX_DOMAINS - 1);
        } else {
            dm->id = (unsigned)v;
            dm->id_given = true;
        }
    }
}

_Static_assert(IMAGE_TIMER_HZ % 1000000 == 0, "a microsecond is a whole number of ticks");

// A duration: a number (as for attributes), one space and the unit "us"
// (microseconds: SDF_TICKS_PER_US ticks each) or "ticks" (of the timer, at
// IMAGE_TIMER_HZ). Sets e->ticks, or reports and leaves it 0.
static void
parse_duration(struct loc at, const char *v, struct sched_entry *e)
{
    char *num = dup(v), *unit = strchr(num, ' ');
    uint64_t n = 0;
    int r = -1;
    bool us = false;

    if (unit != NULL) {
        *unit++ = '\0';
        us = strcmp(unit, "us") == 0;
        if (us || strcmp(unit, "ticks") == 0) {
            r = parse_u64(num, &n);
        }
    }
    if (r == -1) {
        diag_error(at, "invalid duration '%s' (a number, a space and the unit 'us' or 'ticks', "
                   "e.g. '1000 us')", v);
    } else if (r == -2 || (us && n > UINT64_MAX / SDF_TICKS_PER_US)) {
        diag_error(at, "duration '%s' does not fit in 64 bits of timer ticks (at most %llu ticks, "
                   "or %llu us)", v, (unsigned long long)UINT64_MAX,
                   (unsigned long long)(UINT64_MAX / SDF_TICKS_PER_US));
    } else if (n == 0) {
        diag_error(at, "duration must not be zero");
    } else {
        e->ticks = us ? n * SDF_TICKS_PER_US : n;
    }
    free(num);
}

static void
parse_entry(const struct xml *x, xmlNodePtr n, struct sched_entry *e)
{
    char *v;

    e->at = leaf(x, n, entry_attrs);
    e->domain = -1;
    e->domain_name = require(x, n, "domain");
    e->domain_at = xml_loc_attr(x, n, "domain");
    v = require(x, n, "duration");
    e->duration_at = xml_loc_attr(x, n, "duration");
    if (v != NULL) {
        parse_duration(e->duration_at, v, e);
        free(v);
    }
}

// The rules on the schedule as a whole: fewer than IMAGE_MAX_DOMSCHED
// entries (end markers included, as Microkit counts them), something to run
// before the first end marker, start_index in the cycle, index_shift + the
// entries below IMAGE_MAX_DOMSCHED, a cycle that fits 64 bits of ticks; a
// warning for entries after the end marker (which never run), unless the
// schedule was refused. A refused child might have been an entry or a
// marker: then nothing that counts entries is said.
static void
schedule_shape(struct domains *d, bool refused, int start_ok, int shift_ok)
{
    int after = 0, first_after = -1;

    d->ncycle = 0;
    while (d->ncycle < d->nentry && !d->entry[d->ncycle].end) {
        d->ncycle++;
    }
    for (int i = d->ncycle; i < d->nentry; i++) {
        if (!d->entry[i].end && after++ == 0) {
            first_after = i;
        }
    }
    d->sched_bad = refused || start_ok < 0 || shift_ok < 0;
    if (d->nentry >= IMAGE_MAX_DOMSCHED) {
        diag_error(d->entry[IMAGE_MAX_DOMSCHED - 1].at, "too many schedule entries (%d); at most "
                   "%d, end markers included", d->nentry, IMAGE_MAX_DOMSCHED - 1);
        d->sched_bad = true;
    }
    if (refused)
        return;
    if (d->ncycle == 0) {
        diag_error(d->sched_at, "<domain_schedule> has no <schedule_entry> to run%s",
                   d->nentry > 0 ? " before its <schedule_end_marker>" : "");
        d->sched_bad = true;
        return;
    }
    if (start_ok >= 0 && d->start >= (uint64_t)d->nentry) {
        diag_error(d->start_at, "start_index %llu out of range (the schedule has %d %s: 0..%d)",
                   (unsigned long long)d->start, d->nentry, d->nentry == 1 ? "entry" : "entries",
                   d->nentry - 1);
        d->sched_bad = true;
    } else if (start_ok >= 0 && d->start >= (uint64_t)d->ncycle) {
        diag_error(d->start_at, "start_index %llu is not in the cycle: the schedule runs entries "
                   "0..%d and ends at the <schedule_end_marker> (entry %d)",
                   (unsigned long long)d->start, d->ncycle - 1, d->ncycle);
        d->sched_bad = true;
    }
    if (d->has_shift && d->nentry < IMAGE_MAX_DOMSCHED &&
        d->shift >= (uint64_t)(IMAGE_MAX_DOMSCHED - d->nentry)) {
        diag_error(d->shift_at, "index_shift %llu plus the schedule's %d %s must be less than %d",
                   (unsigned long long)d->shift, d->nentry, d->nentry == 1 ? "entry" : "entries",
                   IMAGE_MAX_DOMSCHED);
        d->sched_bad = true;
    }
    d->cycle_ticks = 0;
    for (int i = 0; i < d->ncycle; i++) {
        if (d->entry[i].ticks > UINT64_MAX - d->cycle_ticks) {
            diag_error(d->sched_at, "the schedule's cycle (entries 0..%d) is longer than %llu "
                       "timer ticks", d->ncycle - 1, (unsigned long long)UINT64_MAX);
            d->sched_bad = true;
            break;
        }
        d->cycle_ticks += d->entry[i].ticks;
    }
    if (after > 0 && !d->sched_bad) {
        diag_warning(d->entry[first_after].at, "%d schedule %s after the <schedule_end_marker> "
                     "never %s", after, after == 1 ? "entry" : "entries",
                     after == 1 ? "runs" : "run");
    }
}

static void
parse_schedule(const struct xml *x, xmlNodePtr n, struct domains *d)
{
    int text = 0, start_ok, shift_ok;
    bool refused = false;

    d->has_sched = true;
    d->sched_at = xml_loc(x, n);
    check_attrs(x, n, schedule_attrs);
    d->start_at = xml_loc_attr(x, n, "start_index");
    d->shift_at = xml_loc_attr(x, n, "index_shift");
    start_ok = number(x, n, "start_index", &d->start);
    shift_ok = number(x, n, "index_shift", &d->shift);
    d->has_shift = shift_ok > 0;
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (!is_element(x, n, c, &text))
            continue;
        if (strcmp(name_of(c), "schedule_entry") == 0) {
            parse_entry(x, c, sdf_grow(&d->entry, &d->nentry, sizeof *d->entry));
        } else if (strcmp(name_of(c), "schedule_end_marker") == 0) {
            struct sched_entry *e = sdf_grow(&d->entry, &d->nentry, sizeof *d->entry);
            e->at = leaf(x, c, end_marker_attrs);
            e->end = true;
            e->domain = -1;
        } else {
            child_error(x, n, c, schedule_children);
            refused = true;
        }
    }
    schedule_shape(d, refused, start_ok, shift_ok);
}

// <domains>: once, holding <domain>s and one <domain_schedule>. Ids are
// checked and assigned, and names resolved, in check.c.
static void
parse_domains(struct parser *p, xmlNodePtr n)
{
    const struct xml *x = p->x;
    struct system *sys = p->sys;
    struct domains *d = &sys->dom;
    int text = 0;

    if (d->present) {
        diag_error(xml_loc(x, n), "the system has more than one <domains>");
        diag_note(d->at, "first given here");
        // Nothing in it is read, and the names of its domains are not
        // reported unknown where they are used (lost_unread()).
        return;
    }
    d->present = true;
    d->at = xml_loc(x, n);
    check_attrs(x, n, domains_attrs);
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (!is_element(x, n, c, &text))
            continue;
        if (strcmp(name_of(c), "domain") == 0) {
            parse_domain(x, sys, c, sdf_grow(&d->dom, &d->ndom, sizeof *d->dom));
        } else if (strcmp(name_of(c), "domain_schedule") == 0 && d->has_sched) {
            diag_error(xml_loc(x, c), "<domains> has more than one <domain_schedule>");
            diag_note(d->sched_at, "first given here");
        } else if (strcmp(name_of(c), "domain_schedule") == 0) {
            parse_schedule(x, c, d);
        } else {
            lost_names(sys, c, child_error(x, n, c, domains_children));
            d->sched_lost |= sdf_close(name_of(c), "domain_schedule");
        }
    }
    if (!d->has_sched && !d->sched_lost) {
        diag_error(d->at, "<domains> has no <domain_schedule>");
    }
}

// Sorting and searching a name_index over an array of structs of `stride`
// bytes with a char * at `off`.
struct by_name {
    const char *base;
    size_t stride, off;
};

static const char *
name_at(const struct by_name *b, int i)
{
    return *(char *const *)(b->base + (size_t)i * b->stride + b->off);
}

static const struct by_name *sorting; // qsort has no context argument

static int
cmp_index(const void *pa, const void *pb)
{
    int a = *(const int *)pa, b = *(const int *)pb;
    int c = strcmp(name_at(sorting, a), name_at(sorting, b));

    return c != 0 ? c : (a > b) - (a < b);
}

static void
index_build(struct name_index *ix, const void *base, int n, size_t stride, size_t off)
{
    struct by_name b = {base, stride, off};

    ix->ix = malloc(((size_t)n + 1) * sizeof *ix->ix);
    if (ix->ix == NULL) {
        abort();
    }
    ix->n = 0;
    for (int i = 0; i < n; i++) {
        if (name_at(&b, i) != NULL) {
            ix->ix[ix->n++] = i;
        }
    }
    sorting = &b;
    qsort(ix->ix, (size_t)ix->n, sizeof *ix->ix, cmp_index);
    sorting = NULL;
}

static int
index_find(const struct name_index *ix, const void *base, size_t stride, size_t off,
           const char *name)
{
    struct by_name b = {base, stride, off};
    int lo = 0, hi = ix->n; // the first entry whose name is >= name

    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(name_at(&b, ix->ix[mid]), name) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < ix->n && strcmp(name_at(&b, ix->ix[lo]), name) == 0 ? ix->ix[lo] : -1;
}

int
sdf_find_pd(const struct system *sys, const char *name)
{
    return index_find(&sys->pd_names, sys->pd, sizeof *sys->pd, offsetof(struct pd, name), name);
}

int
sdf_find_region(const struct system *sys, const char *name)
{
    return index_find(&sys->region_names, sys->region, sizeof *sys->region,
                      offsetof(struct region, name), name);
}

int
sdf_find_domain(const struct system *sys, const char *name)
{
    return index_find(&sys->domain_names, sys->dom.dom, sizeof *sys->dom.dom,
                      offsetof(struct domain, name), name);
}

// Edit distance, as Levenshtein's but with a swap of two adjacent characters
// as one edit too (optimal string alignment: "dp" is one edit from "pd"),
// capped: names longer than 64 bytes are never close.
size_t
sdf_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), rows[3][MOAT_NAME_LEN + 2]; // rows i % 3

    if (la > MOAT_NAME_LEN || lb > MOAT_NAME_LEN)
        return SIZE_MAX;
    for (size_t j = 0; j <= lb; j++) {
        rows[0][j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t *cur = rows[i % 3], *up = rows[(i - 1) % 3], *up2 = rows[(i + 1) % 3];
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t best = up[j - 1] + (a[i - 1] != b[j - 1]);
            if (up[j] + 1 < best) {
                best = up[j] + 1;
            }
            if (cur[j - 1] + 1 < best) {
                best = cur[j - 1] + 1;
            }
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                up2[j - 2] + 1 < best) {
                best = up2[j - 2] + 1;
            }
            cur[j] = best;
        }
    }
    return rows[la % 3][lb];
}

static size_t
close_limit(size_t len)
{
    return len < 3 ? 1 : len < 6 ? 2 : 3;
}

bool
sdf_close(const char *name, const char *cand)
{
    return sdf_distance(name, cand) <= close_limit(strlen(name));
}

const char *
sdf_nearest(const char *name, const void *base, int n, size_t stride, size_t off)
{
    const char *best = NULL;
    size_t bestd = SIZE_MAX, limit = close_limit(strlen(name));

    for (int i = 0; i < n; i++) {
        const char *cand = *(char *const *)((const char *)base + (size_t)i * stride + off);
        if (cand == NULL)
            continue;
        size_t d = sdf_distance(name, cand);
        if (d <= limit && d < bestd) {
            bestd = d;
            best = cand;
        }
    }
    return best;
}

uint64_t
sdf_share(const struct pd *pd)
{
    // budget <= 3600000000, so budget * SDF_SHARE_ALL fits in 64 bits.
    return pd->period == 0 ? 0 : pd->budget * SDF_SHARE_ALL / pd->period;
}

bool
sdf_capped(const struct pd *pd)
{
    return pd->budget < pd->period;
}

const char *
sdf_percent(char buf[SDF_PERCENT_LEN], uint64_t share)
{
    uint64_t tenths = (share + SDF_SHARE_ALL / 2000) / (SDF_SHARE_ALL / 1000);

    if (share > SDF_SHARE_ALL && tenths <= 1000) {
        tenths = 1001; // more than the whole CPU never reads as 100.0%
    }
    snprintf(buf, SDF_PERCENT_LEN, "%llu.%llu%%", (unsigned long long)(tenths / 10),
             (unsigned long long)(tenths % 10));
    return buf;
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
            parse_pd(&p, c, -1);
        } else if (strcmp(name_of(c), "channel") == 0) {
            parse_channel(&p, c);
        } else if (strcmp(name_of(c), "memory_region") == 0) {
            parse_region(x, sys, c, sdf_grow(&sys->region, &sys->nregion, sizeof *sys->region));
        } else if (strcmp(name_of(c), "service") == 0) {
            parse_service(x, c, sdf_grow(&sys->service, &sys->nservice, sizeof *sys->service));
        } else if (strcmp(name_of(c), "tock_driver") == 0) {
            parse_tock_driver(x, c, sdf_grow(&sys->service, &sys->nservice, sizeof *sys->service));
        } else if (strcmp(name_of(c), "domains") == 0) {
            parse_domains(&p, c);
        } else if (!foreign_element(x, sys, c, system_foreign)) {
            lost_names(sys, c, child_error(x, root, c, system_children));
            sys->dom_lost |= sdf_close(name_of(c), "domains");
            sys->pd_lost |= sdf_close(name_of(c), "protection_domain");
        }
    }
    index_build(&sys->pd_names, sys->pd, sys->npds, sizeof *sys->pd, offsetof(struct pd, name));
    index_build(&sys->region_names, sys->region, sys->nregion, sizeof *sys->region,
                offsetof(struct region, name));
    index_build(&sys->domain_names, sys->dom.dom, sys->dom.ndom, sizeof *sys->dom.dom,
                offsetof(struct domain, name));
    lost_unread(sys, root);
    return diag_count() - before;
}

void
sdf_free(struct system *sys)
{
    for (int i = 0; i < sys->npds; i++) {
        struct pd *pd = &sys->pd[i];
        free(pd->name);
        free(pd->image);
        free(pd->symbols);
        free(pd->setvar_id);
        free(pd->domain_name);
        elf_free(&pd->elf);
        for (int j = 0; j < pd->nmap; j++) {
            free(pd->map[j].mr);
            free(pd->map[j].setvar_vaddr);
            free(pd->map[j].setvar_size);
            free(pd->map[j].setvar_prefill_size);
        }
        for (int j = 0; j < pd->nsetvar; j++) {
            free(pd->setvar[j].symbol);
            free(pd->setvar[j].region_name);
        }
        for (int j = 0; j < pd->nirq; j++) {
            free(pd->irq[j].setvar);
        }
        free(pd->map);
        free(pd->setvar);
        free(pd->irq);
        for (int j = 0; j < pd->ncap; j++) {
            free(pd->cap[j].pd_name);
        }
        free(pd->cap);
    }
    for (int i = 0; i < sys->nregion; i++) {
        free(sys->region[i].name);
        free(sys->region[i].prefill);
        free(sys->region[i].data);
    }
    free(sys->region);
    for (int i = 0; i < sys->nservice; i++) {
        free(sys->service[i].name);
        free(sys->service[i].pd_name);
        for (int j = 0; j < sys->service[i].nclient; j++) {
            free(sys->service[i].client[j].pd_name);
        }
        free(sys->service[i].client);
    }
    free(sys->service);
    for (int i = 0; i < sys->nch; i++) {
        for (int j = 0; j < sys->ch[i].nend; j++) {
            free(sys->ch[i].end[j].pd_name);
            free(sys->ch[i].end[j].setvar);
        }
    }
    free(sys->pd);
    free(sys->ch);
    for (int i = 0; i < sys->nlost; i++) {
        free(sys->lost[i].name);
    }
    free(sys->lost);
    free(sys->pd_names.ix);
    free(sys->region_names.ix);
    for (int i = 0; i < sys->dom.ndom; i++) {
        free(sys->dom.dom[i].name);
    }
    free(sys->dom.dom);
    for (int i = 0; i < sys->dom.nentry; i++) {
        free(sys->dom.entry[i].domain_name);
    }
    free(sys->dom.entry);
    free(sys->domain_names.ix);
    *sys = (struct system){0};
}
