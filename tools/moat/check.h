// SPDX-License-Identifier: BSD-2-Clause
//
// Semantic checks between elements of a parsed system description.
#pragma once

#include <stddef.h>

#include "sdf.h"

// Resolves channel ends to PDs and checks the rules between elements;
// reports every violation and returns how many there were.
int check_system(struct system *sys);

// After PD i's program is loaded: its maps must not overlap its segments.
void check_maps_elf(const struct system *sys, int i);

// Internal to check.c and check_mem.c.
void check_unknown(const struct system *sys, struct loc at, const char *kind, const char *name,
                   const void *base, int n, size_t stride, size_t off);
void check_memory(struct system *sys, int npds);
