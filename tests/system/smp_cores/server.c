#include "check.h"

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
    return microkit_msginfo_new(microkit_msginfo_get_label(msginfo) + 1, 0);
}
