#include <moat.h>

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
    for (volatile int i = 0; i < 100000; i++) {
    }
    moat_dbg_puts("waker: the driver is quiet; waking it\n");
    microkit_notify(1);
}
