// SPDX-License-Identifier: BSD-2-Clause
//
// The containers the flat image can be written in (--image-type): raw
// bytes, an ELF file with one PT_LOAD segment, or a U-Boot legacy uImage.
// Each is what QEMU's -kernel loads at IMAGE_LOAD_PA and enters there.
#ifndef MOAT_IMGFMT_H
#define MOAT_IMGFMT_H

#include <stddef.h>
#include <stdint.h>

enum image_type { IMAGE_BINARY, IMAGE_ELF, IMAGE_UIMAGE };

// The type named s ("binary", "elf", "uimage"); -1 if none.
int imgfmt_parse(const char *s);
const char *imgfmt_name(enum image_type t);

#define IMGFMT_ELF_DATA 0x1000 // file offset of the ELF's segment (its alignment)
#define IMGFMT_UIMAGE_HDR 64
#define IMGFMT_MAX_HDR IMGFMT_ELF_DATA

// Writes into hdr the bytes that go before the image's len bytes in a file
// of type t; returns how many (0 for binary).
size_t imgfmt_header(enum image_type t, const unsigned char *image, size_t len,
                     unsigned char hdr[IMGFMT_MAX_HDR]);

// IEEE 802.3 CRC-32, as U-Boot and zlib compute it.
uint32_t imgfmt_crc32(const unsigned char *p, size_t n);

#endif
