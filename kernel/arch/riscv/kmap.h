// SPDX-License-Identifier: BSD-2-Clause
//
// The kernel's own mappings (kmap.c). Included only under arch/riscv.
#pragma once

#include <stdint.h>

// Build the kernel half of every address space and move the boot table onto
// it. Once, first thing at boot.
void kmap_init(void);

// Give a PD's root table (a kernel pointer to it) the kernel half. Before
// the PD first runs: the caller orders the stores before the first walk.
void kmap_install(uint64_t *root);
