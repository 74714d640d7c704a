// The looper's parent: notified once, it restarts the looper; twice, the
// run is over.
#include "check.h"

#define LOOPER 1

static int told;

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    CHECK_EQ("notified by the looper", ch, 0);
    if (told++ == 0) {
        microkit_pd_restart(LOOPER, 0x200000); // pc only, memory as it is
        return;
    }
    check_done();
}
