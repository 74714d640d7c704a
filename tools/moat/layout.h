// SPDX-License-Identifier: BSD-2-Clause
//
// Physical layout and the boot image. After the kernel and the header, every
// PD gets, in XML order: its root page table, its program pages, its stack
// pages, its IPC buffer page, then the level-1 and level-0 tables that the
// mappings need, allocated as they are first touched. Page tables are Sv39
// (privileged spec 4.4: three levels of 512 eight-byte entries).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "elf.h"
#include "sdf.h"

// One run of pages contiguous in both address spaces, for the report.
struct mapping {
    uint64_t va, pa, size;
    unsigned perms;  // PF_R | PF_W | PF_X
    const char *what; // "segment", "stack", "ipc buffer"
    unsigned seg;     // for segments: the PT_LOAD index
};

struct pd_map {
    struct mapping *map;
    size_t nmap;
    size_t ntables; // page-table pages, root included
};

struct layout {
    unsigned char *image; // the whole image, byte 0 at IMAGE_LOAD_PA
    size_t size;
    uint64_t kernel_end; // physical
    uint64_t hdr_pa;     // struct image_hdr
    uint64_t pages_pa;   // first page-table or data page
    struct pd_map *pd;   // one per PD
    int npds;
};

// Builds the image for a checked system whose ELFs are loaded and patched.
// Returns 0, or -1 after reporting (the image would be too large).
int layout_build(struct system *sys, const struct kernel *k, struct layout *out);
void layout_free(struct layout *l);
