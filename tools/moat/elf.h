// SPDX-License-Identifier: BSD-2-Clause
//
// ELF input: PD programs and the kernel, read by hand with <elf.h> types and a
// bounds check on every offset. A PD program becomes a sorted list of 4 KiB
// pages holding its PT_LOAD segments (zero-filled to p_memsz, so .bss
// exists), which is where symbols are patched. The kernel becomes the bytes
// of the image from IMAGE_LOAD_PA to its end, rounded up to a page.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

#define ELF_MAX_PHDRS 64 // program headers of any type
#define ELF_MAX_LOADS 16 // PT_LOAD segments

// "rwx", "r--", ...: permissions PF_R | PF_W | PF_X in words (a constant string).
const char *elf_perm_str(unsigned perms);

// Permissions of a page, as PF_R | PF_W | PF_X.
struct elf_seg {
    uint64_t va, memsz;
    unsigned perms;
    unsigned index; // position among the PT_LOADs of the file
};

struct elf_page {
    uint64_t va;
    unsigned perms;
    unsigned seg;        // index into elf_img.seg of the first segment on it
    unsigned char *data; // PAGE_SIZE bytes
};

// A symbol table inside a file buffer, already bounds-checked.
struct elf_syms {
    const unsigned char *file;
    size_t size;
    size_t symoff, nsym; // Elf64_Sym array
    size_t stroff, strsize;
};

struct elf_img {
    unsigned char *file; // owned; the whole program file
    size_t size;
    unsigned char *symfile; // owned; path_for_symbols, or NULL
    struct elf_syms syms;
    uint64_t entry;
    struct elf_seg seg[ELF_MAX_LOADS];
    unsigned nseg; // sorted by va
    struct elf_page *page;
    size_t npage; // sorted by va
};

struct kernel {
    unsigned char *bytes; // image bytes [IMAGE_LOAD_PA, end)
    uint64_t end;         // physical, page aligned
};

// Loads a PD program from data (taking ownership). Errors are reported at
// `at`, each message starting with `what`. Segments must lie in [lo, hi);
// at most *budget bytes of pages may be used, and the pages used are
// subtracted. Returns 0, or -1 after reporting.
int elf_load(struct elf_img *img, unsigned char *data, size_t size, struct loc at,
             const char *what, uint64_t lo, uint64_t hi, uint64_t *budget);
// Uses another file's symbol table for patching (taking ownership).
int elf_load_symbols(struct elf_img *img, unsigned char *data, size_t size, struct loc at,
                     const char *what);
// Writes size bytes of value (little-endian) into symbol name, which must be
// defined once with exactly that size. Returns 0 or -1 after reporting;
// *missing is set instead of reporting when the symbol does not exist.
int elf_patch(struct elf_img *img, const char *name, const void *value, size_t size,
              struct loc at, const char *what, int *missing);
// Reads size bytes of symbol name's initial value (as elf_patch checks it).
int elf_read(struct elf_img *img, const char *name, void *value, size_t size, struct loc at,
             const char *what, int *missing);
void elf_free(struct elf_img *img);

int elf_load_kernel(struct kernel *k, const unsigned char *data, size_t size, const char *what);
void elf_free_kernel(struct kernel *k);
