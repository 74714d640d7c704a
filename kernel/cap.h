// SPDX-License-Identifier: BSD-2-Clause
//
// Capabilities as moat has them: names, fixed by the description, for the
// threads, scheduling contexts and address spaces of PDs (docs/design.md,
// "Capabilities").
#pragma once

#include "moat/image.h"

#include "pd.h"

// What `cptr` names for `pd`: IMAGE_CAP_TCB, _SC or _VSPACE with the PD it
// belongs to in *obj, or IMAGE_CAP_NONE (*obj untouched).
unsigned cap_lookup(const struct pd *pd, word_t cptr, struct pd **obj);

// The PD whose thread `cptr` names for `pd`, or NULL.
static inline struct pd *
cap_tcb(const struct pd *pd, word_t cptr)
{
    struct pd *obj = NULL;

    return cap_lookup(pd, cptr, &obj) == IMAGE_CAP_TCB ? obj : NULL;
}
