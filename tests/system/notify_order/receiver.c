#include "check.h"

static int calls;

void
init(void)
{
    microkit_dbg_puts("receiver: init\n");
}

void
notified(microkit_channel ch)
{
    microkit_dbg_puts("receiver: notified ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts("\n");
    if (++calls == 3)
        check_done();
}
