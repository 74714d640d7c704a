#include <moat.h>

void
init(void)
{
    microkit_notify(1);
    microkit_notify(1);
    microkit_notify(3);
    microkit_notify(2);
    microkit_notify(1);
    moat_dbg_puts("sender: signalled 1, 1, 3, 2, 1\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
