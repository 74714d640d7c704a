#include "check.h"

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    microkit_notify(ch);
}
