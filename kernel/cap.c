// SPDX-License-Identifier: BSD-2-Clause
//
// TCB cptrs: only Microkit's fixed slots, so far.
#include "cap.h"

#include "pd.h"

struct pd *
cap_tcb(const struct pd *pd, word_t cptr)
{
#ifdef MOAT_BENCHMARK
    if (cptr == CAP_TCB)
        return &pds[pd->index];
#endif
    if (cptr >= CAP_BASE_TCB && cptr - CAP_BASE_TCB < MOAT_MAX_CHANNELS)
        return pd_child(pd, cptr - CAP_BASE_TCB);
    return NULL;
}
