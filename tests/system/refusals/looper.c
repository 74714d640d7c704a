// Bad calls of several kinds, then one bad call a thousand times, each
// refused with its error; then a good call, which goes through. Restarted,
// it makes one more bad call (its memory is kept: `runs` counts).
#include "check.h"

#define LOOPS 1000

static int runs;

void
init(void)
{
    struct moat_event ev = {0};
    microkit_msginfo tag = microkit_msginfo_new(1, 0);
    int refused = 0;

    if (runs++) {
        CHECK_EQ("restarted: notify channel 62", moat_notify(62), E_RANGE);
        microkit_notify(0);
        return;
    }
    CHECK_EQ("notify channel 62", moat_notify(62), E_RANGE);
    CHECK_EQ("notify unused channel 5", moat_notify(5), E_NOENT);
    CHECK_EQ("call on a notify-only channel", moat_ppcall(0, &tag), E_PERM);
    CHECK_EQ("pd_ctl on no child", moat_pd_ctl(7, PD_CTL_STOP, 0), E_NOENT);
    CHECK_EQ("unknown system call", moat_sys1(1000, 0), E_NOSYS);
    CHECK_EQ("recv with a bad action", moat_sys_recv(SYS_RECV, 7UL << 8, &ev), E_INVAL);
    // Channel ids 100, 101, ...: each line says which, so the expect file
    // can tell the last one shown.
    for (int i = 0; i < LOOPS; i++)
        refused += moat_notify(100 + (seL4_Word)i) == E_RANGE;
    CHECK_EQ("1000 refusals, each E_RANGE", refused, LOOPS);
    microkit_notify(0); // a good call still goes through
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
