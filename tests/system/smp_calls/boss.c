// Parent of kid (core 3), on core 0; collects everyone's results.
#include "shared.h"

uintptr_t shared;
static int callers_done, kid_done;

// kid's spin counter when the last step began. Each step waits 2 ms with
// core 0 idle (an alarm): under -icount the other cores run only while it
// does not (tests/system/run.sh).
static long spin_at;

static void step(void *ud);

static void
later(long n)
{
    spin_at = SH->spin;
    moat_alarm_set(moat_time() + MOAT_TIME_HZ / 500, step, (void *)n);
}

static void
step(void *ud)
{
    long moved = SH->spin != spin_at;

    switch ((long)ud) {
    case 1:
        CHECK_EQ("kid spins on core 3", moved, 1);
        microkit_pd_stop(0);
        later(2);
        break;
    case 2:
        CHECK_EQ("kid stopped while it ran on core 3", moved, 0);
        CHECK_EQ("resumed", moat_pd_ctl(0, PD_CTL_RESUME, 0), E_OK);
        later(3);
        break;
    case 3:
        CHECK_EQ("kid spins again after its resume", moved, 1);
        CHECK_EQ("reset while it runs on core 3", moat_pd_reset(0), E_OK);
        break;
    }
}

static void
finish(void)
{
    CHECK_EQ("c0's calls to s1 on core 1", SH->s1_ok, ROUNDS);
    CHECK_EQ("c0's calls to passive p2 on core 2", SH->p2_ok0, ROUNDS);
    CHECK_EQ("c3's calls to passive p2 on core 2", SH->p2_ok3, ROUNDS);
    CHECK_EQ("p2 served every call", SH->p2_calls, 2 * ROUNDS);
    CHECK_EQ("p2 served one call at a time", SH->p2_overlaps, 0);
    CHECK_EQ("a call to a server faulting on another core fails", SH->dead, E_DEAD);
    check_done();
}

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    if (ch == 5 || ch == 6) {
        if (++callers_done == 2 && kid_done)
            finish();
        return;
    }
    // ch 7: kid
    if (SH->kid_incarnation == 2) {
        CHECK_EQ("kid reset after its fault: .bss as at boot", SH->kid_boots, 1);
        later(1);
        return;
    }
    CHECK_EQ("kid's third incarnation", SH->kid_incarnation, 3);
    CHECK_EQ("kid reset while it ran: .bss as at boot", SH->kid_boots, 1);
    kid_done = 1;
    if (callers_done == 2)
        finish();
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    (void)reply;
    CHECK_EQ("kid's fault on core 3 reaches boss on core 0", child, 0);
    CHECK_EQ("a VM fault", microkit_msginfo_get_label(msginfo), seL4_Fault_VMFault);
    CHECK_EQ("at its address", microkit_mr_get(seL4_VMFault_Addr), 0x1000);
    CHECK_EQ("reset from core 0", moat_pd_reset(child), E_OK);
    return seL4_False;
}
