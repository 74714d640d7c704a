// SPDX-License-Identifier: BSD-2-Clause
//
// The system description as the tool sees it: protection domains and
// channels, each value with the position it came from so that later stages
// can point at it. sdf_parse() fills it from the XML tree; check_system()
// (check.c) resolves names and enforces the rules between elements; later stages add
// the loaded program (struct elf_img) and the layout.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "elf.h"
#include "xml.h"

struct end {
    struct loc at, pd_at, id_at, pp_at, setvar_at;
    char *pd_name;
    int pd;        // index into system.pd, set by check_system(); -1 if unknown
    unsigned id;   // 0..MOAT_MAX_CHANNELS-1 once checked
    bool id_ok;    // id parsed and in range
    bool pp;       // this end may call the other (pp="true")
    bool notify;   // this end may notify the other (default true)
    char *setvar;  // setvar_id symbol, or NULL
};

struct channel {
    struct loc at;
    int nend;      // exactly 2 when valid
    struct end end[2];
};

struct pd {
    struct loc at, name_at, image_at, symbols_at;
    char *name;
    unsigned prio;
    uint64_t budget, period; // microseconds; reported, not enforced
    bool passive;
    uint64_t stack_size;
    char *image;   // <program_image path>
    char *symbols; // path_for_symbols, or NULL
    int nimage;    // count of <program_image> children
    struct elf_img elf;
    uint64_t root_pa, ipcbuf_pa; // set by layout
};

struct system {
    struct loc at;
    bool root_ok; // the root element is <system>
    struct pd *pd;
    int npds;
    struct channel *ch;
    int nch;
};

// Fills sys from the tree; reports every problem; returns diag errors found.
int sdf_parse(const struct xml *x, struct system *sys);
void sdf_free(struct system *sys);
