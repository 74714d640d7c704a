// SPDX-License-Identifier: BSD-2-Clause
//
// tock_restart: the program starts again from its entry point with its
// memory as at boot, as Tock's kernel restarts a process. On moat the PD
// resets itself (moat_pd_reset_self); linking this file is what tells the
// tool to keep the PD's boot state in the image. The completion code is
// not kept: moat has no process table to record it in.
#include <libtock/tock.h>
#include <moat.h>

void
tock_restart(uint32_t completion_code)
{
    moat_pd_reset_self();
    tock_exit(completion_code); // not reached: the tool gave the PD its boot state
}
