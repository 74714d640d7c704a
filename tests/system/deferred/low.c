#include "check.h"

void
init(void)
{
    microkit_deferred_notify(2); // replaced by the next line
    microkit_deferred_notify(1);
    moat_dbg_puts("low: init returns\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
