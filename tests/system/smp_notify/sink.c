#include "check.h"

static unsigned got3, got4;

void
init(void)
{
}

// 50 notifications on each of channels 3 and 4, then one on 5: coalesced,
// each of 3 and 4 is seen 1..50 times, and before 5 (channel order).
void
notified(microkit_channel ch)
{
    if (ch == 3)
        got3++;
    else if (ch == 4)
        got4++;
    else if (ch == 5) {
        CHECK_EQ("sink saw channel 3 before the end", got3 >= 1 && got3 <= 50, 1);
        CHECK_EQ("sink saw channel 4 before the end", got4 >= 1 && got4 <= 50, 1);
        microkit_notify(3);
    }
}
