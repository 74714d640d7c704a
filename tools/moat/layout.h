// SPDX-License-Identifier: BSD-2-Clause
//
// Physical layout and the boot image. After the kernel and the header come,
// first, the memory regions the tool allocates (XML order, each aligned to its
// page size), then every PD in XML order: its root page table, its program
// pages, its stack pages, its IPC buffer page, then the level-1 and level-0
// tables that its mappings need, allocated as they are first touched, and,
// if it provides a service, one IPC window page per client; last,
// for every child PD in pd[] order, the pristine copies of its writable
// program pages and then its reset list (struct image_reset[], from a page
// boundary). Memory regions with a phys_addr in RAM keep their place;
// allocation skips them.
// Page tables are Sv39 (privileged spec 4.4: three levels of 512 eight-byte
// entries).
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf.h"
#include "moat/image.h"
#include "sdf.h"

// One run of pages contiguous in both address spaces, for the report.
struct mapping {
    uint64_t va, pa, size;
    unsigned perms;   // PF_R | PF_W | PF_X
    const char *what; // "segment", "stack", "ipc buffer", "map"
    unsigned seg;     // for segments: the PT_LOAD index
    int region;       // for maps: index into system.region
    bool cached;      // for maps
};

struct pd_map {
    struct mapping *map; // sorted by va once built
    size_t nmap;
    size_t ntables; // page-table pages, root included
    struct image_reset *reset; // child PDs only: what moat_pd_reset restores
    size_t nreset;
    uint64_t reset_pa; // where the list is in the image; 0 if none
    uint64_t window_pa[MOAT_MAX_PDS]; // the IPC window page for client pd[i], or 0
};

struct layout {
    unsigned char *image; // the whole image, byte 0 at IMAGE_LOAD_PA
    size_t size;
    size_t file_size;     // what the file stores: the rest is zeros (image_hdr.file_size)
    uint64_t kernel_end; // physical
    uint64_t hdr_pa;     // struct image_hdr
    uint64_t pages_pa;   // first page-table or data page
    struct pd_map *pd;   // one per PD
    int npds;
    // Pages from pages_pa on, while they are being allocated.
    unsigned char *buf;
    size_t cap;
    uint64_t next, end; // next free address; end of the highest page in use
};

// Places the memory regions (fixed RAM ones where they say, the rest
// allocated) and copies prefill data in. Returns 0, or -1 after reporting.
int layout_regions(struct system *sys, const struct kernel *k, struct layout *l);
// Then builds the image for a checked system whose ELFs are loaded and
// patched. Returns 0, or -1 after reporting (the image would be too large).
int layout_build(struct system *sys, const struct kernel *k, struct layout *l);
void layout_free(struct layout *l);

// Whether the kernel reads the console UART's input for the PDs
// (IMAGE_F_CONSOLE_INPUT): unless a PD maps the UART's page or owns its
// interrupt. If one does, *pd is its index and *irq whether by the interrupt.
bool layout_console_input(const struct system *sys, int *pd, bool *irq);
