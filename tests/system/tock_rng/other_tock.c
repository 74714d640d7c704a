// SPDX-License-Identifier: BSD-2-Clause
//
// The second client: one large request (OTHER_BYTES, 64 of the driver's
// chunks), made before `app` makes its own, and what came of it written to
// the region `progress`, which `app` reads and reports.
#include <libtock/peripherals/rng.h>
#include <libtock/tock.h>

#include "progress.h"

uintptr_t progress; // set by the tool (setvar_vaddr)

static uint8_t buf[OTHER_BYTES];

static void
got(returncode_t ret, int received)
{
    struct progress *p = (struct progress *)progress;
    uint32_t nonzero = 0;

    for (int i = 0; i < received && i < OTHER_BYTES; i++)
        nonzero += buf[i] != 0;
    p->received = ret == RETURNCODE_SUCCESS ? (uint32_t)received : 0;
    p->nonzero = nonzero;
    p->done = 1;
}

int
main(void)
{
    struct progress *p = (struct progress *)progress;

    if (libtock_rng_get_random_bytes(buf, sizeof buf, sizeof buf, got) == RETURNCODE_SUCCESS)
        p->asked = 1;
    while (!p->done)
        yield();
    return 0;
}
