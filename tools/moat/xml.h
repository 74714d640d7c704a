// SPDX-License-Identifier: BSD-2-Clause
//
// Reading the system description: libxml2 builds the tree, and a small scan of
// the raw text finds where every start tag and attribute begins, because
// libxml2 records only a line per element. Start tags in text order match
// element nodes in document (pre-)order one to one, which is how the two are
// joined; each element's _private holds its tag index + 1.
#pragma once

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"

struct xml_attr {
    size_t off, len; // the attribute's name in the raw text
};

struct xml_tag {
    size_t off;        // the '<'
    size_t attr_first; // index into xml.attrs
    size_t nattr;
    size_t text;   // index of its first text run in xml.texts, or SIZE_MAX
    size_t cursor; // where the next attribute lookup starts (attributes are
                   // looked up mostly in order: each lookup is then O(1))
};

// Where every XML_MARK_STEP-th byte of the text is: offset_loc() counts
// lines and columns from the mark below an offset, not from the start, so
// that n diagnostics cost O(n) and not O(n * file size).
#define XML_MARK_STEP 256
// No element of a system description has more than 20 attributes.
#define XML_MAX_ATTRS 64
struct xml_mark {
    int line, col;
};

struct xml_text {
    size_t off;    // first non-blank character of a text run
    size_t parent; // index of the enclosing tag, or SIZE_MAX
};

struct xml {
    const char *file; // as given on the command line
    const char *text; // the raw file, not NUL-terminated
    size_t len;
    xmlDocPtr doc;
    struct xml_tag *tags;
    size_t ntags;
    struct xml_attr *attrs;
    size_t nattrs;
    struct xml_text *texts;
    size_t ntexts;
    struct xml_mark *marks; // len / XML_MARK_STEP + 1 of them
    size_t doctype;         // offset of a <!DOCTYPE, or SIZE_MAX
    int matched;    // tags were joined to element nodes
};

// Parses text; on a syntax error prints the first one and returns -1.
int xml_parse(struct xml *x, const char *file, const char *text, size_t len);
void xml_free(struct xml *x);
struct loc xml_loc(const struct xml *x, xmlNodePtr elem);
struct loc xml_loc_attr(const struct xml *x, xmlNodePtr elem, const char *name);
struct loc xml_loc_text(const struct xml *x, xmlNodePtr elem);
