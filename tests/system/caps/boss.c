// SPDX-License-Identifier: BSD-2-Clause
//
// Suspends and resumes target (a <cap_tcb>), kid (its child, by
// BASE_TCB_CAP) and, when waker says sleeper has suspended itself, sleeper.
#include <microkit.h>

#include "check.h"

#define TARGET  0
#define KID     1
#define WAKER   2
#define SLEEPER 3
#define KID_ID  3

#define SLOT(s) microkit_cspace_root_slot_to_cptr(s)

void
init(void)
{
    // Nothing else is a thread capability.
    CHECK_EQ("caps-empty-slot", seL4_TCB_Suspend(SLOT(9)), seL4_FailedLookup);
    CHECK_EQ("caps-null", seL4_TCB_Suspend(seL4_CapNull), seL4_FailedLookup);
    CHECK_EQ("caps-not-a-slot", seL4_TCB_Suspend(SLOT(1) | 1), seL4_FailedLookup);
    CHECK_EQ("caps-own-microkit-slot", seL4_TCB_Resume(TCB_CAP), seL4_FailedLookup);
    CHECK_EQ("caps-not-a-child", seL4_TCB_Suspend(BASE_TCB_CAP + KID_ID + 1), seL4_FailedLookup);
    CHECK_EQ("caps-sc", seL4_TCB_Suspend(SLOT(2)), seL4_IllegalOperation);
    CHECK_EQ("caps-vspace", seL4_TCB_Resume(SLOT(3)), seL4_IllegalOperation);
    CHECK_EQ("caps-bad-op", moat_sys2(SYS_CAP, SLOT(1), CAP_TCB_RESUME + 1), E_INVAL);
    CHECK_EQ("caps-slot-0", SLOT(0), seL4_CapNull);
    CHECK_EQ("caps-slot-64", SLOT(64), seL4_CapNull);

    // target runs at once when notified, but not while suspended; the two
    // notifications it missed arrive as one when it is resumed.
    microkit_notify(TARGET);
    CHECK_EQ("caps-suspend", seL4_TCB_Suspend(SLOT(1)), seL4_NoError);
    CHECK_EQ("caps-suspend-again", seL4_TCB_Suspend(SLOT(1)), seL4_NoError);
    microkit_notify(TARGET);
    microkit_notify(TARGET);
    moat_dbg_puts("boss: target suspended and notified twice\n");
    CHECK_EQ("caps-resume", seL4_TCB_Resume(SLOT(1)), seL4_NoError);
    CHECK_EQ("caps-resume-running", seL4_TCB_Resume(SLOT(1)), seL4_NoError);

    // The same for the child, by Microkit's slot for it.
    CHECK_EQ("caps-child-suspend", seL4_TCB_Suspend(BASE_TCB_CAP + KID_ID), seL4_NoError);
    microkit_notify(KID);
    moat_dbg_puts("boss: kid suspended and notified\n");
    CHECK_EQ("caps-child-resume", seL4_TCB_Resume(BASE_TCB_CAP + KID_ID), seL4_NoError);
}

void
notified(microkit_channel ch)
{
    if (ch == WAKER) {
        moat_dbg_puts("boss: resuming sleeper\n");
        CHECK_EQ("caps-resume-sleeper", seL4_TCB_Resume(SLOT(4)), seL4_NoError);
    } else if (ch == SLEEPER) {
        check_done();
    }
}
