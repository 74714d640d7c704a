#include "check.h"

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
    CHECK_EQ("stop", moat_pd_ctl(0, PD_CTL_STOP, 0), E_OK);
    CHECK_EQ("resume", moat_pd_ctl(0, PD_CTL_RESUME, 0), E_OK);
}
