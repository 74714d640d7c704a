// SPDX-License-Identifier: BSD-2-Clause
//
// Per-PD alarms. There are at most MOAT_MAX_PDS, so a scan of the PD table
// finds the next deadline of the core's PDs; the scheduler programs the
// core's timer for the earlier of that and the end of the round-robin slice.
#include "alarm.h"

#include "ipc.h"
#include "pd.h"
#include "sched.h"


static void
recompute(void)
{
    alarm_next = UINT64_MAX;
    for (unsigned i = 0; i < npds; i++) {
        if (pds[i].alarm && pds[i].alarm < alarm_next && cpu_of(&pds[i]) == this_cpu())
            alarm_next = pds[i].alarm;
    }
    sched_timer_program();
}

void
alarm_set(struct pd *pd, uint64_t deadline)
{
    pd->alarm = deadline;
    pd->events &= (uint8_t)~PD_EV_ALARM;
    recompute();
}

void
alarm_expire(uint64_t now)
{
    if (alarm_next > now)
        return;
    for (unsigned i = 0; i < npds; i++) {
        struct pd *pd = &pds[i];

        if (!pd->alarm || pd->alarm > now || cpu_of(pd) != this_cpu())
            continue;
        pd->alarm = 0;
        pd->events |= PD_EV_ALARM;
        if (pd->state == PD_RECV && alarm_take(pd)) {
            pd->state = PD_RUNNABLE;
            sched_ready(pd);
        }
    }
    recompute();
}

bool
alarm_take(struct pd *pd)
{
    if (!(pd->events & PD_EV_ALARM))
        return false;
    pd->events &= (uint8_t)~PD_EV_ALARM;
    ipc_set_regs(pd, E_OK, 0, 0, 0, 0, 0);
    arch_result(pd, 6) = BADGE_EVENT | EVENT_ALARM;
    return true;
}
