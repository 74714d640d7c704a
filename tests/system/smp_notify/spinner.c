#include "check.h"

void
init(void)
{
}

// Told to start, it never waits again: only a higher PD of its core gets
// core 2 from it.
void
notified(microkit_channel ch)
{
    moat_dbg_puts("spinner: spinning\n");
    microkit_notify(ch); // ping: now the waiter must take core 2 from it
    for (;;)
        ;
}
