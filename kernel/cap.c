// SPDX-License-Identifier: BSD-2-Clause
//
// Capabilities. seL4 names every kernel object a thread may use by a cptr
// into its CSpace; moat has no CSpaces and nothing is created, copied or
// revoked at run time, but Microkit programs name things by cptrs all the
// same. Two kinds of cptr name something here:
//   - slot << CAP_ROOT_SHIFT, root slot 1..63, as microkit.h's
//     microkit_cspace_root_slot_to_cptr(slot) makes it: the entry the
//     description gave the PD in its <cspace> (pd->cap, checked at boot);
//   - CAP_MK_TCB + id, Microkit's BASE_TCB_CAP slots: the thread of the
//     PD's child `id`;
//   - CAP_MK_SELF (Microkit's TCB_CAP), in the benchmark configuration only,
//     as Microkit gives it: the PD's own thread.
// Every other cptr names nothing.
#include "cap.h"

#include "moat/image.h"

unsigned
cap_lookup(const struct pd *pd, word_t cptr, struct pd **obj)
{
#ifdef MOAT_BENCHMARK
    if (cptr == CAP_MK_SELF) {
        *obj = &pds[pd->index];
        return IMAGE_CAP_TCB;
    }
#endif
    if (cptr >= CAP_MK_TCB && cptr < CAP_MK_TCB + MOAT_MAX_CHANNELS) {
        struct pd *child = pd_child(pd, cptr - CAP_MK_TCB);
        if (!child)
            return IMAGE_CAP_NONE;
        *obj = child;
        return IMAGE_CAP_TCB;
    }
    word_t slot = cptr >> CAP_ROOT_SHIFT;
    if (slot == 0 || (cptr & ((1UL << CAP_ROOT_SHIFT) - 1)))
        return IMAGE_CAP_NONE;
    uint8_t c = pd->cap[slot]; // slot < 64 = IMAGE_CAP_SLOTS
    if (IMAGE_CAP_KIND(c) != IMAGE_CAP_NONE)
        *obj = &pds[IMAGE_CAP_PD(c)];
    return IMAGE_CAP_KIND(c);
}
