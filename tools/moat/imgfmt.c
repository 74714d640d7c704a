// SPDX-License-Identifier: BSD-2-Clause
//
// Image containers. The ELF is ET_EXEC for EM_RISCV, 64-bit little-endian,
// with one RWX PT_LOAD at IMAGE_LOAD_PA (virtual = physical) holding the
// whole image, entry IMAGE_LOAD_PA, no sections. QEMU's RISC-V -kernel enters
// an ELF at its lowest load address, which is the entry here too. The uImage
// is U-Boot's legacy header (include/image.h there: 64 bytes, big-endian)
// before the image: magic 0x27051956, header CRC-32, time 0 (so that two runs
// give the same bytes), data size, load address and entry IMAGE_LOAD_PA, data
// CRC-32, OS Linux (5), arch RISC-V (26), type kernel (2), compression none
// (0), name "moat". QEMU's load_uimage() copies the data to the load address
// and enters at the entry point; U-Boot's bootm would too, and as Linux it
// hands over the hart id in a0 and the device tree in a1, which the kernel
// expects from OpenSBI anyway.
#include "imgfmt.h"

#include <elf.h>
#include <string.h>

#include "moat/image.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

#define IH_MAGIC 0x27051956u
#define IH_OS_LINUX 5
#define IH_ARCH_RISCV 26
#define IH_TYPE_KERNEL 2
#define IH_COMP_NONE 0
#define IH_NMLEN 32

_Static_assert(sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) <= IMGFMT_ELF_DATA, "ELF headers fit");
_Static_assert(IMAGE_LOAD_PA % IMGFMT_ELF_DATA == 0, "p_offset = p_vaddr mod p_align");
_Static_assert(32 + IH_NMLEN == IMGFMT_UIMAGE_HDR, "ih_name ends the header");
_Static_assert(IMAGE_LOAD_PA + IMAGE_MAX_SIZE <= 0xffffffffUL, "uImage addresses are 32-bit");

static const char *const names[] = {"binary", "elf", "uimage"};

int
imgfmt_parse(const char *s)
{
    for (int i = 0; i < 3; i++) {
        if (strcmp(s, names[i]) == 0)
            return i;
    }
    return -1;
}

const char *
imgfmt_name(enum image_type t)
{
    return names[t];
}

uint32_t
imgfmt_crc32(const unsigned char *p, size_t n)
{
    static uint32_t table[256];
    uint32_t c = 0xffffffffu;

    if (table[1] == 0) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t v = i;
            for (int k = 0; k < 8; k++) {
                v = (v & 1) ? 0xedb88320u ^ (v >> 1) : v >> 1;
            }
            table[i] = v;
        }
    }
    while (n-- > 0) {
        c = table[(c ^ *p++) & 0xff] ^ (c >> 8);
    }
    return c ^ 0xffffffffu;
}

static void
be32(unsigned char *b, uint32_t v)
{
    b[0] = (unsigned char)(v >> 24);
    b[1] = (unsigned char)(v >> 16);
    b[2] = (unsigned char)(v >> 8);
    b[3] = (unsigned char)v;
}

static size_t
elf_header(size_t len, unsigned char hdr[IMGFMT_MAX_HDR])
{
    Elf64_Ehdr eh = {0};
    Elf64_Phdr ph = {0};

    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_RISCV;
    eh.e_version = EV_CURRENT;
    eh.e_entry = IMAGE_LOAD_PA;
    eh.e_phoff = sizeof eh;
    eh.e_ehsize = sizeof eh;
    eh.e_phentsize = sizeof ph;
    eh.e_phnum = 1;
    ph.p_type = PT_LOAD;
    ph.p_flags = PF_R | PF_W | PF_X;
    ph.p_offset = IMGFMT_ELF_DATA;
    ph.p_vaddr = IMAGE_LOAD_PA;
    ph.p_paddr = IMAGE_LOAD_PA;
    ph.p_filesz = len;
    ph.p_memsz = len;
    ph.p_align = IMGFMT_ELF_DATA;
    memset(hdr, 0, IMGFMT_ELF_DATA);
    memcpy(hdr, &eh, sizeof eh); // the host is little-endian, as the ELF is
    memcpy(hdr + sizeof eh, &ph, sizeof ph);
    return IMGFMT_ELF_DATA;
}

static size_t
uimage_header(const unsigned char *image, size_t len, unsigned char hdr[IMGFMT_MAX_HDR])
{
    memset(hdr, 0, IMGFMT_UIMAGE_HDR);
    be32(hdr + 0, IH_MAGIC);
    be32(hdr + 12, (uint32_t)len);
    be32(hdr + 16, (uint32_t)IMAGE_LOAD_PA);
    be32(hdr + 20, (uint32_t)IMAGE_LOAD_PA);
    be32(hdr + 24, imgfmt_crc32(image, len));
    hdr[28] = IH_OS_LINUX;
    hdr[29] = IH_ARCH_RISCV;
    hdr[30] = IH_TYPE_KERNEL;
    hdr[31] = IH_COMP_NONE;
    memcpy(hdr + 32, "moat", 4); // ih_name: IH_NMLEN bytes, NUL-padded
    be32(hdr + 4, imgfmt_crc32(hdr, IMGFMT_UIMAGE_HDR)); // over the header with ih_hcrc 0
    return IMGFMT_UIMAGE_HDR;
}

size_t
imgfmt_header(enum image_type t, const unsigned char *image, size_t len,
              unsigned char hdr[IMGFMT_MAX_HDR])
{
    switch (t) {
    case IMAGE_ELF:
        return elf_header(len, hdr);
    case IMAGE_UIMAGE:
        return uimage_header(image, len, hdr);
    default:
        return 0;
    }
}
