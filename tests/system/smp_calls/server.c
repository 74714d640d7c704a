// s1 and p2: answer label + 1. Label 666 makes the server fault. p2 (the one
// with `shared`) counts its calls and any that found it inside another.
#include "shared.h"

uintptr_t shared;
static volatile int busy;

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
    seL4_Word label = microkit_msginfo_get_label(msginfo);

    (void)ch;
    if (label == 666)
        *(volatile seL4_Word *)0x1000 = 1;
    if (shared) {
        if (busy)
            SH->p2_overlaps++;
        busy = 1;
        for (volatile int i = 0; i < 50; i++)
            ; // a window for a second caller to find it busy
        SH->p2_calls++;
        busy = 0;
    }
    return microkit_msginfo_new(label + 1, 0);
}
