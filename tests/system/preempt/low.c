#include "check.h"

void
init(void)
{
    moat_dbg_puts("low: before notify\n");
    microkit_notify(0);
    moat_dbg_puts("low: after notify\n");
}

void
notified(microkit_channel ch)
{
    moat_dbg_puts("low: notified\n");
    CHECK_EQ("low channel", ch, 0);
    check_done();
}
