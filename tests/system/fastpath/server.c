#include "check.h"

static unsigned notes;

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    if (ch == 2 && ++notes == 50)
        moat_dbg_puts("server: 50 notifications\n");
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)ch;
    microkit_mr_set(0, 2 * microkit_mr_get(0));
    return microkit_msginfo_new(microkit_msginfo_get_label(msginfo) + 1, 1);
}
