#include <microkit.h>

void
init(void)
{
    microkit_dbg_puts("high: waiting\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
    microkit_dbg_puts("high: notified\n");
    microkit_notify(0);
    microkit_dbg_puts("high: notified low, still running\n");
}
