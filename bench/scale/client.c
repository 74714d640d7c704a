// SPDX-License-Identifier: BSD-2-Clause
//
// The scaling benchmark's client (bench/scale.sh): ROUNDS microkit_ppcall
// round trips to the server on its own core, nothing else. scale.sh counts
// each hart's instructions with the vcpus plugin in two runs that differ
// only in ROUNDS.
#include <microkit.h>

void
init(void)
{
    for (int i = 0; i < ROUNDS; i++)
        microkit_ppcall(1, microkit_msginfo_new(0, 0));
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
