#include <moat.h>

void
init(void)
{
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
    (void)msginfo;
    moat_dbg_puts("c: called\n");
    microkit_mr_set(0, microkit_mr_get(0) * 2);
    return microkit_msginfo_new(3, 1);
}
