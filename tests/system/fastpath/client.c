#include <sel4/sel4.h>

#include "check.h"

void
init(void)
{
}

// Low runs last (every other PD waits then) and notifies: the work starts.
void
notified(microkit_channel ch)
{
    int wrong = 0;

    if (ch != 3)
        return;

    for (unsigned i = 0; i < 100; i++) {
        microkit_mr_set(0, i);
        microkit_msginfo r = microkit_ppcall(1, microkit_msginfo_new(7, 1));
        wrong += microkit_msginfo_get_label(r) != 8 || microkit_mr_get(0) != 2 * i;
    }
    CHECK_EQ("100 calls answered", wrong, 0);
    for (unsigned i = 0; i < 50; i++)
        microkit_notify(1); // the server runs at once, each time
    for (unsigned i = 0; i < 50; i++)
        microkit_notify(3); // low is queued, then only its pending bit is set
    microkit_notify(4);     // equal waits: the general path (the tick)
#ifdef CONFIG_DEBUG_BUILD
    seL4_DebugDumpScheduler(); // as upstream: debug builds only
#endif
    check_done();
}
