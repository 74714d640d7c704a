#include "check.h"

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    microkit_dbg_puts("high: notified ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts("\n");
    check_done();
}
