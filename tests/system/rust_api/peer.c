// SPDX-License-Identifier: BSD-2-Clause
//
// A C PD beside Rust ones: when the client notifies it on channel 2, it
// notifies the client on channels 2 and 3 in one go (the client, of lower
// priority, takes both in one wake-up).
#include <microkit.h>

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    if (ch == 2) {
        microkit_notify(2);
        microkit_notify(3);
    }
}
