// Adds 10, asks c to double it, and returns c's answer.
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
    moat_dbg_puts("b: called, calling c\n");
    microkit_mr_set(0, microkit_mr_get(0) + 10);
    microkit_ppcall(1, microkit_msginfo_new(1, 1));
    moat_dbg_puts("b: c answered\n");
    return microkit_msginfo_new(2, 1);
}
