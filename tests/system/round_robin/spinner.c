// Prints three lines with about 30 ms of work between them: longer than a
// 1 ms time slice (the default budget), so an equal-priority neighbour runs
// in between.
#include "check.h"

void
init(void)
{
    for (int i = 1; i <= 3; i++) {
        moat_dbg_puts(microkit_name);
        moat_dbg_puts(" ");
        moat_dbg_put32(i);
        moat_dbg_puts("\n");
        spin(10 * 1000 * 1000);
    }
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
