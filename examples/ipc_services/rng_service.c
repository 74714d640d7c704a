// SPDX-License-Identifier: BSD-2-Clause
//
// The random-number service, a Microkit-style PD (moat.h) serving libtock
// clients: one system mixes both kinds of program. Byte 0 of the client's
// buffer is how many random bytes it wants; they are written from byte 0
// on, and the client is notified. The generator is xorshift64, seeded with
// the time at start-up: an example, not a source of secrets.
#include <moat.h>

static uint64_t state;

static uint8_t
random_byte(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint8_t)(state >> 24);
}

static void
on_client(size_t client, size_t len, void *buf, void *ud)
{
    uint8_t *bytes = buf;
    (void)ud;

    if (len < 1 || bytes[0] > len)
        return; // cannot answer: as the tutorial's service, stay silent
    for (size_t i = 0, n = bytes[0]; i < n; i++)
        bytes[i] = random_byte();
    moat_ipc_notify_client(client);
}

void
init(void)
{
    state = moat_time() | 1;
    moat_ipc_on_service(on_client, NULL);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
