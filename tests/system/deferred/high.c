#include "check.h"

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    moat_dbg_puts("high: notified ");
    moat_dbg_put32(ch);
    moat_dbg_puts("\n");
    check_done();
}
