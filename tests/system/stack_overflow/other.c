#include "check.h"

void
init(void)
{
    microkit_dbg_puts("other: still running\n");
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
