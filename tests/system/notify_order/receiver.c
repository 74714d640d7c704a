#include "check.h"

static int calls;

void
init(void)
{
    moat_dbg_puts("receiver: init\n");
}

void
notified(microkit_channel ch)
{
    moat_dbg_puts("receiver: notified ");
    moat_dbg_put32(ch);
    moat_dbg_puts("\n");
    if (++calls == 3)
        check_done();
}
