// Not anybody's parent: every child id is refused.
#include "check.h"

void
init(void)
{
    CHECK_EQ("stranger: id 3 is not my child", moat_pd_ctl(3, PD_CTL_STOP, 0), E_NOENT);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
