// Runs after the three faulting PDs and keeps printing.
#include "check.h"

void
init(void)
{
    for (int i = 1; i <= 3; i++) {
        moat_dbg_puts("neighbour: still running ");
        moat_dbg_put32(i);
        moat_dbg_puts("\n");
    }
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
