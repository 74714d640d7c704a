// SPDX-License-Identifier: BSD-2-Clause
//
// libxml2 plus a position scan. libxml2 runs with no network, no DTD loading
// and no entity substitution; a document with a DOCTYPE is refused. The scan
// only has to be right for documents libxml2 accepted, but it is bounded by
// the buffer length for any input.
#include "xml.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

struct first_error {
    int seen;
    int line, col;
    char msg[256];
};

static void
on_error(void *ctx, xmlErrorPtr e)
{
    struct first_error *f = ctx;
    size_t n;

    if (f->seen || e == NULL || e->level < XML_ERR_ERROR)
        return;
    f->seen = 1;
    f->line = e->line;
    f->col = e->int2;
    snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "malformed XML");
    n = strlen(f->msg);
    while (n > 0 && (f->msg[n - 1] == '\n' || f->msg[n - 1] == ' ')) {
        f->msg[--n] = '\0';
    }
}

// Makes room for element n (0-based) of an array that grows by doubling:
// the capacity is always the next power of two above the count.
static void *
grow(void *p, size_t n, size_t size)
{
    if ((n & (n + 1)) != 0)
        return p;
    p = realloc(p, (2 * n + 2) * size);
    if (p == NULL) {
        abort();
    }
    return p;
}

static int
starts(const struct xml *x, size_t i, const char *s)
{
    size_t n = strlen(s);

    return i <= x->len && n <= x->len - i && memcmp(x->text + i, s, n) == 0;
}

// Returns the offset just past the first occurrence of s at or after i.
static size_t
skip_past(const struct xml *x, size_t i, const char *s)
{
    for (; i < x->len; i++) {
        if (starts(x, i, s))
            return i + strlen(s);
    }
    return x->len;
}

static int
blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
add_text(struct xml *x, size_t off, size_t parent)
{
    x->texts = grow(x->texts, x->ntexts, sizeof *x->texts);
    if (parent != SIZE_MAX && x->tags[parent].text == SIZE_MAX) {
        x->tags[parent].text = x->ntexts;
    }
    x->texts[x->ntexts++] = (struct xml_text){off, parent};
}

// Scans one start tag at i ('<' not followed by '/', '!' or '?'); returns the
// offset past it and sets *empty for "<x/>".
static size_t
scan_tag(struct xml *x, size_t i, int *empty)
{
    struct xml_tag *t;

    x->tags = grow(x->tags, x->ntags, sizeof *x->tags);
    t = &x->tags[x->ntags++];
    *t = (struct xml_tag){i, x->nattrs, 0, SIZE_MAX, 0};
    *empty = 0;
    i++;
    while (i < x->len && !blank(x->text[i]) && x->text[i] != '>' && x->text[i] != '/') {
        i++;
    }
    while (i < x->len) {
        char c = x->text[i];
        if (blank(c)) {
            i++;
        } else if (c == '>') {
            return i + 1;
        } else if (c == '/') {
            *empty = 1;
            return skip_past(x, i, ">");
        } else {
            size_t name = i;
            while (i < x->len && !blank(x->text[i]) && x->text[i] != '=' && x->text[i] != '>' &&
                   x->text[i] != '/') {
                i++;
            }
            x->attrs = grow(x->attrs, x->nattrs, sizeof *x->attrs);
            x->attrs[x->nattrs++] = (struct xml_attr){name, i - name};
            t->nattr++;
            while (i < x->len && (blank(x->text[i]) || x->text[i] == '=')) {
                i++;
            }
            if (i < x->len && (x->text[i] == '"' || x->text[i] == '\'')) {
                char q[2] = {x->text[i], '\0'};
                i = skip_past(x, i + 1, q);
            } else if (i == name) {
                i++; // not well-formed; libxml2 has said so
            }
        }
    }
    return i;
}

static size_t
scan_doctype(struct xml *x, size_t i)
{
    int depth = 0;

    x->doctype = i;
    for (i += 2; i < x->len; i++) {
        char c = x->text[i];
        if (c == '"' || c == '\'') {
            char q[2] = {c, '\0'};
            i = skip_past(x, i + 1, q) - 1;
        } else if (c == '[') {
            depth++;
        } else if (c == ']') {
            depth--;
        } else if (c == '>' && depth <= 0) {
            return i + 1;
        }
    }
    return x->len;
}

static void
scan(struct xml *x)
{
    size_t *stack = NULL, depth = 0, cap = 0;
    size_t i = 0;

    while (i < x->len) {
        size_t parent = depth > 0 ? stack[depth - 1] : SIZE_MAX;
        if (x->text[i] != '<') {
            // A text run: note its first non-blank character, if any.
            int noted = 0;
            for (; i < x->len && x->text[i] != '<'; i++) {
                if (!noted && !blank(x->text[i])) {
                    add_text(x, i, parent);
                    noted = 1;
                }
            }
        } else if (starts(x, i, "<!--")) {
            i = skip_past(x, i + 4, "-->");
        } else if (starts(x, i, "<![CDATA[")) {
            add_text(x, i, parent);
            i = skip_past(x, i + 9, "]]>");
        } else if (starts(x, i, "<?")) {
            i = skip_past(x, i + 2, "?>");
        } else if (starts(x, i, "<!")) {
            i = scan_doctype(x, i);
        } else if (starts(x, i, "</")) {
            if (depth > 0) {
                depth--;
            }
            i = skip_past(x, i, ">");
        } else {
            int empty;
            size_t tag = x->ntags;
            i = scan_tag(x, i, &empty);
            if (!empty) {
                if (depth == cap) {
                    cap = cap ? 2 * cap : 16;
                    stack = realloc(stack, cap * sizeof *stack);
                    if (stack == NULL) {
                        abort();
                    }
                }
                stack[depth++] = tag;
            }
        }
    }
    free(stack);
}

// One pass over the text notes the line and column of every
// XML_MARK_STEP-th byte (a column counts characters, not UTF-8 bytes).
static void
mark(struct xml *x)
{
    struct xml_mark at = {1, 1};

    x->marks = malloc((x->len / XML_MARK_STEP + 1) * sizeof *x->marks);
    if (x->marks == NULL) {
        abort();
    }
    for (size_t i = 0; i <= x->len; i++) {
        if (i % XML_MARK_STEP == 0) {
            x->marks[i / XML_MARK_STEP] = at;
        }
        if (i == x->len) {
            break;
        }
        if (x->text[i] == '\n') {
            at.line++;
            at.col = 1;
        } else if (((unsigned char)x->text[i] & 0xc0) != 0x80) {
            at.col++;
        }
    }
}

// Numbers element nodes in pre-order; returns the count.
static size_t
number(xmlNodePtr n, size_t next)
{
    for (; n != NULL; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            n->_private = (void *)(uintptr_t)(next + 1);
            next = number(n->children, next + 1);
        }
    }
    return next;
}

static struct loc
offset_loc(const struct xml *x, size_t off)
{
    if (off > x->len) {
        off = x->len;
    }
    const struct xml_mark *m = &x->marks[off / XML_MARK_STEP];
    struct loc at = {x->file, m->line, m->col};

    for (size_t i = off - off % XML_MARK_STEP; i < off; i++) {
        if (x->text[i] == '\n') {
            at.line++;
            at.col = 1;
        } else if (((unsigned char)x->text[i] & 0xc0) != 0x80) {
            at.col++;
        }
    }
    return at;
}

int
xml_parse(struct xml *x, const char *file, const char *text, size_t len)
{
    struct first_error err = {0};
    struct loc at = {file, 0, 0};
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;

    *x = (struct xml){.file = file, .text = text, .len = len, .doctype = SIZE_MAX};
    if (len > INT_MAX) {
        diag_error(at, "file too large");
        return -1;
    }
    // The scan runs first (it is linear and bounded on any input) because
    // libxml2 2.9 checks an element's attributes for duplicates pairwise:
    // 100,000 attributes on one element would take it 20 s.
    scan(x);
    mark(x);
    for (size_t i = 0; i < x->ntags; i++) {
        if (x->tags[i].nattr > XML_MAX_ATTRS) {
            diag_error(offset_loc(x, x->tags[i].off), "element has %zu attributes; at most %d",
                       x->tags[i].nattr, XML_MAX_ATTRS);
            return -1;
        }
    }
    xmlSetStructuredErrorFunc(&err, on_error);
    x->doc = xmlReadMemory(text, (int)len, file, NULL, opts);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (err.seen || x->doc == NULL) {
        at.line = err.seen && err.line > 0 ? err.line : 1;
        at.col = err.seen && err.col > 0 ? err.col : 1;
        diag_error(at, "%s", err.seen ? err.msg : "malformed XML");
        return -1;
    }
    x->matched = number(xmlDocGetRootElement(x->doc), 0) == x->ntags;
    if (x->doc->intSubset != NULL || x->doc->extSubset != NULL) {
        struct loc d = {file, 1, 1};
        if (x->doctype != SIZE_MAX) {
            size_t i;
            d.col = 1;
            for (i = 0; i < x->doctype; i++) {
                if (text[i] == '\n') {
                    d.line++;
                    d.col = 1;
                } else if (((unsigned char)text[i] & 0xc0) != 0x80) {
                    d.col++;
                }
            }
        }
        diag_error(d, "DOCTYPE declarations are not allowed");
        return -1;
    }
    return 0;
}

void
xml_free(struct xml *x)
{
    if (x->doc != NULL) {
        xmlFreeDoc(x->doc);
    }
    free(x->tags);
    free(x->attrs);
    free(x->texts);
    free(x->marks);
    *x = (struct xml){0};
}


static const struct xml_tag *
tag_of(const struct xml *x, xmlNodePtr elem)
{
    size_t i = (size_t)(uintptr_t)elem->_private;

    if (!x->matched || i == 0 || i > x->ntags)
        return NULL;
    return &x->tags[i - 1];
}

struct loc
xml_loc(const struct xml *x, xmlNodePtr elem)
{
    const struct xml_tag *t = tag_of(x, elem);
    struct loc at = {x->file, (int)xmlGetLineNo(elem), 1};

    if (t != NULL)
        return offset_loc(x, t->off);
    if (at.line <= 0) {
        at.line = 1;
    }
    return at;
}

struct loc
xml_loc_attr(const struct xml *x, xmlNodePtr elem, const char *name)
{
    const struct xml_tag *t = tag_of(x, elem);
    size_t n = strlen(name);

    if (t == NULL)
        return xml_loc(x, elem);
    struct xml_tag *w = &x->tags[t - x->tags]; // the same tag; its cursor may move
    for (size_t k = 0; k < t->nattr; k++) {
        size_t i = (t->cursor + k) % t->nattr;
        const struct xml_attr *a = &x->attrs[t->attr_first + i];
        if (a->len == n && memcmp(x->text + a->off, name, n) == 0) {
            w->cursor = i + 1;
            return offset_loc(x, a->off);
        }
    }
    return xml_loc(x, elem);
}

struct loc
xml_loc_text(const struct xml *x, xmlNodePtr elem)
{
    const struct xml_tag *t = tag_of(x, elem);

    if (t == NULL || t->text == SIZE_MAX)
        return xml_loc(x, elem);
    return offset_loc(x, x->texts[t->text].off);
}
