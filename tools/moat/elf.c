// SPDX-License-Identifier: BSD-2-Clause
//
// ELF reading. Every offset and length from the file is checked as
// `off <= size && len <= size - off` before use, so no arithmetic can wrap.
// Only ELFCLASS64, ELFDATA2LSB, EM_RISCV, ET_EXEC files are accepted.
#include "elf.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "moat/image.h"

static int
in_file(size_t size, uint64_t off, uint64_t len)
{
    return off <= size && len <= size - off;
}

static uint64_t
page_down(uint64_t a)
{
    return a & ~(PAGE_SIZE - 1);
}

const char *
elf_perm_str(unsigned p)
{
    static const char *const s[] = {"---", "--x", "-w-", "-wx", "r--", "r-x", "rw-", "rwx"};
    return s[p & 7];
}

// Checks the ELF header and the program header table.
static const Elf64_Ehdr *
check_header(const unsigned char *data, size_t size, struct loc at, const char *what)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)data;

    if (size < SELFMAG || memcmp(data, ELFMAG, SELFMAG) != 0) {
        diag_error(at, "%s: not an ELF file (bad magic)", what);
        return NULL;
    }
    if (size < EI_NIDENT) {
        diag_error(at, "%s: truncated ELF header", what);
        return NULL;
    }
    if (data[EI_CLASS] != ELFCLASS64) {
        diag_error(at, "%s: not a 64-bit ELF file", what);
        return NULL;
    }
    if (data[EI_DATA] != ELFDATA2LSB) {
        diag_error(at, "%s: not a little-endian ELF file", what);
        return NULL;
    }
    if (size < sizeof(Elf64_Ehdr)) {
        diag_error(at, "%s: truncated ELF header", what);
        return NULL;
    }
    if (eh->e_machine != EM_RISCV) {
        diag_error(at, "%s: not a RISC-V ELF file (e_machine %u)", what, eh->e_machine);
        return NULL;
    }
    if (eh->e_type != ET_EXEC) {
        diag_error(at, "%s: not an executable ELF file (e_type %u)", what, eh->e_type);
        return NULL;
    }
    if (eh->e_phnum > ELF_MAX_PHDRS) {
        diag_error(at, "%s: too many program headers (%u, at most %d)", what, eh->e_phnum,
                   ELF_MAX_PHDRS);
        return NULL;
    }
    if (eh->e_phnum > 0 && eh->e_phentsize != sizeof(Elf64_Phdr)) {
        diag_error(at, "%s: bad program header size %u", what, eh->e_phentsize);
        return NULL;
    }
    if (!in_file(size, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr))) {
        diag_error(at, "%s: program header table out of file bounds", what);
        return NULL;
    }
    return eh;
}

static Elf64_Phdr
phdr(const unsigned char *data, const Elf64_Ehdr *eh, unsigned i)
{
    Elf64_Phdr p;

    memcpy(&p, data + eh->e_phoff + (size_t)i * sizeof p, sizeof p);
    return p;
}

// Checks one PT_LOAD's file range and sizes; n is its index among PT_LOADs.
static int
check_load(const Elf64_Phdr *p, size_t size, unsigned n, struct loc at, const char *what)
{
    if (!in_file(size, p->p_offset, p->p_filesz)) {
        diag_error(at, "%s: segment %u: file range out of file bounds", what, n);
        return -1;
    }
    if (p->p_filesz > p->p_memsz) {
        diag_error(at, "%s: segment %u: p_filesz 0x%llx exceeds p_memsz 0x%llx", what, n,
                   (unsigned long long)p->p_filesz, (unsigned long long)p->p_memsz);
        return -1;
    }
    return 0;
}

// Finds the symbol table (if any) and checks it and its string table.
static int
find_syms(struct elf_syms *s, const unsigned char *data, size_t size, struct loc at,
          const char *what)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)data;
    Elf64_Shdr sh, str;

    *s = (struct elf_syms){.file = data, .size = size};
    if (eh->e_shoff == 0 || eh->e_shnum == 0)
        return 0;
    if (eh->e_shentsize != sizeof(Elf64_Shdr) ||
        !in_file(size, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr))) {
        diag_error(at, "%s: section header table out of file bounds", what);
        return -1;
    }
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        memcpy(&sh, data + eh->e_shoff + (size_t)i * sizeof sh, sizeof sh);
        if (sh.sh_type != SHT_SYMTAB)
            continue;
        if (sh.sh_entsize != sizeof(Elf64_Sym) || !in_file(size, sh.sh_offset, sh.sh_size) ||
            sh.sh_link >= eh->e_shnum) {
            diag_error(at, "%s: symbol table out of file bounds", what);
            return -1;
        }
        memcpy(&str, data + eh->e_shoff + (size_t)sh.sh_link * sizeof str, sizeof str);
        if (str.sh_type != SHT_STRTAB || !in_file(size, str.sh_offset, str.sh_size)) {
            diag_error(at, "%s: string table out of file bounds", what);
            return -1;
        }
        s->symoff = sh.sh_offset;
        s->nsym = sh.sh_size / sizeof(Elf64_Sym);
        s->stroff = str.sh_offset;
        s->strsize = str.sh_size;
        return 0;
    }
    return 0;
}

// Looks a defined symbol up by name: 1 found, 0 absent, -1 defined twice.
static int
lookup(const struct elf_syms *s, const char *name, Elf64_Sym *out)
{
    size_t n = strlen(name);
    int found = 0;

    for (size_t i = 0; i < s->nsym; i++) {
        Elf64_Sym sym;
        memcpy(&sym, s->file + s->symoff + i * sizeof sym, sizeof sym);
        if (sym.st_shndx == SHN_UNDEF || sym.st_name >= s->strsize)
            continue;
        const char *str = (const char *)s->file + s->stroff + sym.st_name;
        size_t room = s->strsize - sym.st_name;
        if (n < room && memcmp(str, name, n) == 0 && str[n] == '\0') {
            if (found)
                return -1;
            found = 1;
            *out = sym;
        }
    }
    return found;
}

static struct elf_page *
find_page(struct elf_img *img, uint64_t va)
{
    size_t lo = 0, hi = img->npage;

    va = page_down(va);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (img->page[mid].va == va)
            return &img->page[mid];
        if (img->page[mid].va < va) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

// Sorts the PT_LOADs by address and checks each against [lo, hi) and its
// neighbour; counts the pages they need.
static int
place_segments(struct elf_img *img, const Elf64_Phdr *ph, struct loc at, const char *what,
               uint64_t lo, uint64_t hi, uint64_t *pages)
{
    unsigned idx[ELF_MAX_LOADS];
    unsigned n = img->nseg;

    for (unsigned i = 0; i < n; i++) {
        unsigned j = i;
        while (j > 0 && ph[idx[j - 1]].p_vaddr > ph[i].p_vaddr) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = i;
    }
    *pages = 0;
    for (unsigned k = 0; k < n; k++) {
        const Elf64_Phdr *p = &ph[idx[k]];
        if (p->p_vaddr < lo || p->p_vaddr > hi || p->p_memsz > hi - p->p_vaddr) {
            diag_error(at, "%s: segment %u [0x%llx, 0x%llx) is outside the user range "
                       "[0x%llx, 0x%llx)", what, idx[k], (unsigned long long)p->p_vaddr,
                       (unsigned long long)(p->p_vaddr + p->p_memsz), (unsigned long long)lo,
                       (unsigned long long)hi);
            return -1;
        }
        if (k > 0) {
            const Elf64_Phdr *q = &ph[idx[k - 1]];
            if (q->p_vaddr + q->p_memsz > p->p_vaddr) {
                diag_error(at, "%s: segments %u and %u overlap", what, idx[k - 1], idx[k]);
                return -1;
            }
        }
        unsigned perms = (p->p_flags & (PF_R | PF_W | PF_X)) | PF_R;
        img->seg[k] = (struct elf_seg){p->p_vaddr, p->p_memsz, perms, idx[k]};
        *pages += (page_down(p->p_vaddr + p->p_memsz + PAGE_SIZE - 1) - page_down(p->p_vaddr)) /
                  PAGE_SIZE;
    }
    return 0;
}

// Creates the pages of every segment (a page shared by two segments once)
// and copies the file bytes in.
static int
fill_pages(struct elf_img *img, const Elf64_Phdr *ph, struct loc at, const char *what)
{
    for (unsigned k = 0; k < img->nseg; k++) {
        const struct elf_seg *s = &img->seg[k];
        const Elf64_Phdr *p = &ph[s->index];
        for (uint64_t va = page_down(s->va); va < s->va + s->memsz; va += PAGE_SIZE) {
            struct elf_page *last = img->npage ? &img->page[img->npage - 1] : NULL;
            if (last != NULL && last->va == va) {
                if (last->perms != s->perms) {
                    diag_error(at, "%s: segments %u and %u share the page at 0x%llx with "
                               "different permissions (%s, %s)", what,
                               img->seg[last->seg].index, s->index, (unsigned long long)va,
                               elf_perm_str(last->perms), elf_perm_str(s->perms));
                    return -1;
                }
                continue;
            }
            unsigned char *d = calloc(1, PAGE_SIZE);
            if (d == NULL) {
                abort();
            }
            img->page[img->npage++] = (struct elf_page){va, s->perms, k, d};
        }
        for (uint64_t off = 0; off < p->p_filesz;) {
            uint64_t va = s->va + off;
            uint64_t chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));
            if (chunk > p->p_filesz - off) {
                chunk = p->p_filesz - off;
            }
            memcpy(find_page(img, va)->data + (va & (PAGE_SIZE - 1)), img->file + p->p_offset + off,
                   chunk);
            off += chunk;
        }
    }
    return 0;
}

int
elf_load(struct elf_img *img, unsigned char *data, size_t size, struct loc at, const char *what,
         uint64_t lo, uint64_t hi, uint64_t *budget)
{
    Elf64_Phdr ph[ELF_MAX_LOADS];
    uint64_t pages;
    int exec = 0;

    *img = (struct elf_img){.file = data, .size = size};
    const Elf64_Ehdr *eh = check_header(data, size, at, what);
    if (eh == NULL)
        return -1;
    img->entry = eh->e_entry;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr p = phdr(data, eh, i);
        if (p.p_type != PT_LOAD || p.p_memsz == 0)
            continue;
        if (img->nseg == ELF_MAX_LOADS) {
            diag_error(at, "%s: too many loadable segments (at most %d)", what, ELF_MAX_LOADS);
            return -1;
        }
        if (check_load(&p, size, img->nseg, at, what) < 0)
            return -1;
        ph[img->nseg++] = p;
    }
    if (img->nseg == 0) {
        diag_error(at, "%s: no loadable segments", what);
        return -1;
    }
    if (place_segments(img, ph, at, what, lo, hi, &pages) < 0)
        return -1;
    if (pages > *budget / PAGE_SIZE) {
        diag_error(at, "%s: segments need %llu KiB, more than the image can hold", what,
                   (unsigned long long)(pages * (PAGE_SIZE / 1024)));
        return -1;
    }
    *budget -= pages * PAGE_SIZE;
    img->page = calloc(pages, sizeof *img->page);
    if (img->page == NULL) {
        abort();
    }
    if (fill_pages(img, ph, at, what) < 0)
        return -1;
    for (unsigned k = 0; k < img->nseg; k++) {
        const struct elf_seg *s = &img->seg[k];
        if ((s->perms & PF_X) && img->entry >= s->va && img->entry - s->va < s->memsz) {
            exec = 1;
        }
    }
    if (!exec) {
        diag_error(at, "%s: entry point 0x%llx is not in an executable segment", what,
                   (unsigned long long)img->entry);
        return -1;
    }
    return find_syms(&img->syms, data, size, at, what);
}

int
elf_load_symbols(struct elf_img *img, unsigned char *data, size_t size, struct loc at,
                 const char *what)
{
    img->symfile = data;
    if (check_header(data, size, at, what) == NULL)
        return -1;
    return find_syms(&img->syms, data, size, at, what);
}

// Copies size bytes between symbol name's place in the image and buf, in
// the direction `write` says (the checks of elf_patch and elf_read).
static int
sym_copy(struct elf_img *img, const char *name, unsigned char *buf, size_t size, int write,
         struct loc at, const char *what, int *missing)
{
    Elf64_Sym sym;
    int r = lookup(&img->syms, name, &sym);

    if (r == 0) {
        *missing = 1;
        return -1;
    }
    if (r < 0) {
        diag_error(at, "%s: symbol '%s' is defined more than once", what, name);
        return -1;
    }
    if (sym.st_size != size) {
        diag_error(at, "%s: symbol '%s' has size %llu, expected %zu", what, name,
                   (unsigned long long)sym.st_size, size);
        return -1;
    }
    for (size_t i = 0; i < size; i++) {
        struct elf_page *pg = find_page(img, sym.st_value + i);
        if (sym.st_value + i < sym.st_value || pg == NULL) {
            diag_error(at, "%s: symbol '%s' at 0x%llx is not in a loadable segment", what, name,
                       (unsigned long long)sym.st_value);
            return -1;
        }
        unsigned char *byte = &pg->data[(sym.st_value + i) & (PAGE_SIZE - 1)];
        if (write)
            *byte = buf[i];
        else
            buf[i] = *byte;
    }
    return 0;
}

int
elf_patch(struct elf_img *img, const char *name, const void *value, size_t size, struct loc at,
          const char *what, int *missing)
{
    return sym_copy(img, name, (unsigned char *)value, size, 1, at, what, missing);
}

int
elf_read(struct elf_img *img, const char *name, void *value, size_t size, struct loc at,
         const char *what, int *missing)
{
    return sym_copy(img, name, value, size, 0, at, what, missing);
}

void
elf_free(struct elf_img *img)
{
    for (size_t i = 0; img->page != NULL && i < img->npage; i++) {
        free(img->page[i].data);
    }
    free(img->page);
    free(img->file);
    free(img->symfile);
    *img = (struct elf_img){0};
}

// The kernel: segments placed by p_paddr at or above IMAGE_LOAD_PA, each
// linked at KERNEL_VBASE + p_paddr.
int
elf_load_kernel(struct kernel *k, const unsigned char *data, size_t size, const char *what)
{
    struct loc none = {0};
    uint64_t end = IMAGE_LOAD_PA, max = IMAGE_LOAD_PA + IMAGE_MAX_SIZE;
    struct elf_syms syms;
    Elf64_Sym sym;

    *k = (struct kernel){0};
    const Elf64_Ehdr *eh = check_header(data, size, none, what);
    if (eh == NULL)
        return -1;
    for (unsigned i = 0, n = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr p = phdr(data, eh, i);
        if (p.p_type != PT_LOAD || p.p_memsz == 0)
            continue;
        if (check_load(&p, size, n, none, what) < 0)
            return -1;
        if (p.p_paddr < IMAGE_LOAD_PA || p.p_paddr > max || p.p_memsz > max - p.p_paddr) {
            diag_error(none, "%s: segment %u at physical 0x%llx is outside [0x%lx, 0x%lx)", what,
                       n, (unsigned long long)p.p_paddr, IMAGE_LOAD_PA, max);
            return -1;
        }
        if (p.p_vaddr != KERNEL_VBASE + p.p_paddr) {
            diag_error(none, "%s: segment %u: virtual 0x%llx is not KERNEL_VBASE + physical", what,
                       n, (unsigned long long)p.p_vaddr);
            return -1;
        }
        if (p.p_paddr + p.p_memsz > end) {
            end = p.p_paddr + p.p_memsz;
        }
        n++;
    }
    if (end == IMAGE_LOAD_PA) {
        diag_error(none, "%s: no loadable segments", what);
        return -1;
    }
    k->end = page_down(end + PAGE_SIZE - 1);
    if (find_syms(&syms, data, size, none, what) < 0)
        return -1;
    int r = lookup(&syms, "__image_start", &sym);
    if (r < 0) {
        diag_error(none, "%s: symbol '__image_start' is defined more than once", what);
        return -1;
    }
    if (r > 0 && sym.st_value != KERNEL_VBASE + k->end) {
        diag_error(none, "%s: __image_start is 0x%llx, but the kernel ends at 0x%llx", what,
                   (unsigned long long)sym.st_value, (unsigned long long)(KERNEL_VBASE + k->end));
        return -1;
    }
    k->bytes = calloc(1, k->end - IMAGE_LOAD_PA);
    if (k->bytes == NULL) {
        abort();
    }
    // Later segments win where two overlap; a kernel's segments do not.
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr p = phdr(data, eh, i);
        if (p.p_type == PT_LOAD && p.p_memsz != 0) {
            memcpy(k->bytes + (p.p_paddr - IMAGE_LOAD_PA), data + p.p_offset, p.p_filesz);
        }
    }
    return 0;
}

void
elf_free_kernel(struct kernel *k)
{
    free(k->bytes);
    *k = (struct kernel){0};
}
