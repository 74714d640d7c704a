#include "check.h"

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)ch;
    // A deferred notify on channel 50, which this PD does not have: set
    // behind microkit_deferred_notify's back, so only the kernel refuses it.
    microkit_have_signal = seL4_True;
    microkit_signal_cap = ACTION_NOTIFY | 50;
    microkit_mr_set(0, microkit_mr_get(0) + 1);
    return microkit_msginfo_new(microkit_msginfo_get_label(msginfo) + 1, 1);
}
