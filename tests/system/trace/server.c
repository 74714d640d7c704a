// Answers 2 * mr0 + 1; the last of the client's calls also wakes the pinger.
#include <moat.h>

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch; // nobody notifies the server
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    seL4_Word label = microkit_msginfo_get_label(msginfo);

    if (ch == 2 && label == 0x12)
        microkit_notify(5); // a lower priority: the pinger runs when all others wait
    microkit_mr_set(0, 2 * microkit_mr_get(0) + 1);
    return microkit_msginfo_new(label, 1);
}
