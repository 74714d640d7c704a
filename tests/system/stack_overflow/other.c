#include "check.h"

void
init(void)
{
    moat_dbg_puts("other: still running\n");
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
