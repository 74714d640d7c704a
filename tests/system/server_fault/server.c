#include <moat.h>

void
init(void)
{
    moat_dbg_puts("server: up\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)ch;
    if (microkit_msginfo_get_label(msginfo) == 1)
        *(volatile int *)0 = 1; // crash in the middle of the call
    microkit_mr_set(0, 42);
    return microkit_msginfo_new(2, 1);
}
