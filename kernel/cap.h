// SPDX-License-Identifier: BSD-2-Clause
//
// Capability pointers. moat has no capabilities, but Microkit programs name
// kernel objects by the fixed slots of a PD's CSpace (microkit.h's *_CAP):
// this is where such a cptr becomes the PD it names.
#pragma once

#include "kernel.h"

struct pd;

// Microkit's fixed slots (its tool's layout of a PD's CSpace).
#define CAP_TCB      6   // the PD's own TCB (benchmark configuration only, as Microkit)
#define CAP_BASE_TCB 202 // + child id: the TCB of that child

// The PD a TCB cptr of `pd` names, or NULL.
struct pd *cap_tcb(const struct pd *pd, word_t cptr);
