// SPDX-License-Identifier: BSD-2-Clause
//
// A PD's reset of itself (SYS_PD_CTL, PD_CTL_SELF). Linking this file
// defines __moat_self_reset, which asks the tool to give the PD a boot state
// to return to (the reset list every child has): a PD that never calls
// moat_pd_reset_self carries no pristine copy of its data in the image.
#include <moat.h>

// Read by the tool (docs/sdf.md, "Resets"): its presence is what counts.
const unsigned char __moat_self_reset = 1;

long
moat_pd_reset_self(void)
{
    __asm__ volatile("" : : "r"(&__moat_self_reset)); // keeps it through --gc-sections
    return moat_pd_ctl(PD_CTL_SELF, PD_CTL_RESET, 0);
}
