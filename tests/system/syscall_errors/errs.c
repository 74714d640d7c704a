// Every malformed system call returns its error code (docs/abi.md) and the
// PD goes on.
#include "check.h"

static long
raw(seL4_Word nr, seL4_Word a0)
{
    return moat_sys1(nr, a0);
}

void
init(void)
{
    struct moat_event ev = {0};

    CHECK_EQ("unknown syscall SYS_COUNT", raw(SYS_COUNT, 0), E_NOSYS);
    CHECK_EQ("unknown syscall 1000", raw(1000, 0), E_NOSYS);
    CHECK_EQ("unknown syscall -1", raw((seL4_Word)-1, 0), E_NOSYS);
    CHECK_EQ("notify channel 62", moat_notify(62), E_RANGE);
    CHECK_EQ("notify channel 2^63", raw(SYS_NOTIFY, 1UL << 63), E_RANGE);
    CHECK_EQ("notify unused channel 5", moat_notify(5), E_NOENT);
    CHECK_EQ("irq_ack unused id 5", moat_irq_ack(5), E_NOENT);
    CHECK_EQ("irq_ack id 99", moat_irq_ack(99), E_RANGE);
    microkit_msginfo tag = microkit_msginfo_new(1, 0);
    CHECK_EQ("call unused channel 0", moat_ppcall(0, &tag), E_NOENT);
    CHECK_EQ("call channel 64", moat_ppcall(64, &tag), E_RANGE);
    CHECK_EQ("recv bad action kind", moat_sys_recv(SYS_RECV, 7UL << 8, &ev), E_INVAL);
    CHECK_EQ("recv none with channel bits", moat_sys_recv(SYS_RECV, 3, &ev), E_INVAL);
    CHECK_EQ("recv notify unused channel", moat_sys_recv(SYS_RECV, ACTION_NOTIFY | 9, &ev), E_NOENT);
    CHECK_EQ("reply_recv with no caller", moat_sys_recv(SYS_REPLY_RECV, 0, &ev), E_STATE);
    CHECK_EQ("pd_ctl on a PD that is not my child", moat_pd_ctl(0, PD_CTL_STOP, 0), E_NOENT);
    microkit_pd_stop(5);
    // The library's checks print Microkit's message and make no system call.
    microkit_notify(70);
    microkit_ppcall(3, microkit_msginfo_new(0, 0));
    CHECK_EQ("still running", 1, 1);
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
