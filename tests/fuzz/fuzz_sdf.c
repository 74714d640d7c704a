// SPDX-License-Identifier: BSD-2-Clause
//
// libFuzzer target for the moat tool: one input is XML text, a NUL byte, and
// a PD program ELF that every <program_image> (and path_for_symbols, and
// every memory region's prefill_path) reads.
// The whole pipeline runs in-process (parse, checks, ELF load and patch,
// layout, report, the DOT picture) against a small built-in kernel ELF.
// Diagnostics are silenced; any crash, sanitizer report or leak is a finding.
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "moat/image.h"
#include "pipeline.h"
#include "report.h"

struct blob {
    const unsigned char *data;
    size_t size;
};

// A kernel with one 4 KiB segment at IMAGE_LOAD_PA and no symbols.
static unsigned char kernel[sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) + 16];

static void
make_kernel(void)
{
    Elf64_Ehdr eh = {0};
    Elf64_Phdr ph = {0};

    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_RISCV;
    eh.e_version = EV_CURRENT;
    eh.e_entry = KERNEL_VBASE + IMAGE_LOAD_PA;
    eh.e_phoff = sizeof eh;
    eh.e_ehsize = sizeof eh;
    eh.e_phentsize = sizeof ph;
    eh.e_phnum = 1;
    ph.p_type = PT_LOAD;
    ph.p_flags = PF_R | PF_X;
    ph.p_offset = sizeof eh + sizeof ph;
    ph.p_vaddr = KERNEL_VBASE + IMAGE_LOAD_PA;
    ph.p_paddr = IMAGE_LOAD_PA;
    ph.p_filesz = 16;
    ph.p_memsz = PAGE_SIZE;
    memcpy(kernel, &eh, sizeof eh);
    memcpy(kernel + sizeof eh, &ph, sizeof ph);
}

static int
read_file(void *ctx, const char *path, const char *kind, struct loc at, unsigned char **data,
          size_t *size)
{
    const struct blob *b = ctx;

    (void)path;
    (void)kind;
    if (b->size == 0) {
        diag_error(at, "no ELF in this input");
        return -1;
    }
    *data = malloc(b->size);
    if (*data == NULL) {
        abort();
    }
    memcpy(*data, b->data, b->size);
    *size = b->size;
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const unsigned char *nul = memchr(data, 0, size);
    size_t xml_len = nul ? (size_t)(nul - data) : size;
    struct blob elf = {nul ? nul + 1 : data + size, nul ? size - xml_len - 1 : 0};
    struct input in = {
        .sdf_name = "fuzz.xml",
        .sdf = (const char *)data,
        .sdf_len = xml_len,
        .kernel_name = "kernel.elf",
        .kernel = kernel,
        .kernel_len = sizeof kernel,
        .read_file = read_file,
        .ctx = &elf,
    };
    struct output out;

    if (kernel[0] == 0) {
        make_kernel();
        diag_quiet(1);
    }
    if (pipeline_run(&in, &out) == 0) {
        FILE *f = fopen("/dev/null", "w");
        if (f != NULL) {
            report_write(f, &out.sys, &out.layout);
            graph_write(f, &out.sys);
            fclose(f);
        }
    }
    pipeline_free(&out);
    return 0;
}
