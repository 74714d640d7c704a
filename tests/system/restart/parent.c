#include "check.h"

#define CRASHER 3
static int faults;

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    (void)msginfo;
    (void)reply;
    faults++;
    moat_dbg_puts("parent: fault ");
    moat_dbg_put32(faults);
    moat_dbg_puts("\n");
    CHECK_EQ("the child's id", child, CRASHER);
    switch (faults) {
    case 1:
        microkit_pd_restart(CRASHER, 0x200000); // Microkit: pc only, memory as it is
        return seL4_False;
    case 2:
        CHECK_EQ("reset", moat_pd_reset(CRASHER), E_OK); // pristine memory
        return seL4_False;
    case 3:
        return seL4_True; // resume at the faulting store: it faults again
    case 4:
        microkit_pd_stop(CRASHER);
        microkit_pd_resume(CRASHER); // from where it stopped: the store again
        return seL4_False;
    default:
        microkit_pd_stop(CRASHER);
        CHECK_EQ("stop again", moat_pd_ctl(CRASHER, PD_CTL_STOP, 0), E_OK);
        CHECK_EQ("unknown operation", moat_pd_ctl(CRASHER, 9, 0), E_INVAL);
        CHECK_EQ("not a child: id 4", moat_pd_ctl(4, PD_CTL_RESTART, 0x200000), E_NOENT);
        CHECK_EQ("id 62", moat_pd_ctl(62, PD_CTL_STOP, 0), E_RANGE);
        CHECK_EQ("entry outside user space", moat_pd_ctl(CRASHER, PD_CTL_RESTART, ~0UL), E_INVAL);
        microkit_pd_restart(7, 0x200000);
        check_done();
        return seL4_False;
    }
}
