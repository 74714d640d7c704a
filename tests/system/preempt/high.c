#include <moat.h>

void
init(void)
{
    moat_dbg_puts("high: waiting\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
    moat_dbg_puts("high: notified\n");
    microkit_notify(0);
    moat_dbg_puts("high: notified low, still running\n");
}
