// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's random-number API (driver 0x40001), through the raw calls as
// libtock-c's is: on moat a PD serves the driver (<tock_driver>).
#include <libtock-sync/peripherals/rng.h>
#include <libtock/peripherals/rng.h>
#include <rng.h>

bool
libtock_rng_driver_exists(void)
{
    return driver_exists(DRIVER_NUM_RNG);
}

returncode_t
libtock_rng_set_allow_readwrite(uint8_t *buf, uint32_t len)
{
    return tock_allow_rw_return_to_returncode(allow_readwrite(DRIVER_NUM_RNG, 0, buf, len));
}

returncode_t
libtock_rng_set_upcall(subscribe_upcall callback, void *opaque)
{
    return tock_subscribe_return_to_returncode(subscribe(DRIVER_NUM_RNG, 0, callback, opaque));
}

returncode_t
libtock_rng_command_get_random(uint32_t num_bytes)
{
    return tock_command_return_novalue_to_returncode(
        command(DRIVER_NUM_RNG, 1, (int)num_bytes, 0));
}

// --- libtock/peripherals/rng.h ---------------------------------------------------

static void
got_bytes(int unused, int received, int unused2, void *opaque)
{
    (void)unused;
    (void)unused2;
    ((libtock_rng_callback)opaque)(RETURNCODE_SUCCESS, received);
}

bool
libtock_rng_exists(void)
{
    return libtock_rng_driver_exists();
}

returncode_t
libtock_rng_get_random_bytes(uint8_t *buf, uint32_t len, uint32_t num, libtock_rng_callback cb)
{
    returncode_t r = libtock_rng_set_upcall(got_bytes, (void *)cb);

    if (r == RETURNCODE_SUCCESS)
        r = libtock_rng_set_allow_readwrite(buf, len);
    if (r == RETURNCODE_SUCCESS)
        r = libtock_rng_command_get_random(num);
    return r;
}

// --- libtock-sync/peripherals/rng.h ------------------------------------------------

bool
libtocksync_rng_exists(void)
{
    return libtock_rng_driver_exists();
}

// Waits for the upcall itself (yield_wait_for), as libtock-c's does: other
// upcalls stay pending meanwhile.
returncode_t
libtocksync_rng_get_random_bytes(uint8_t *buf, uint32_t len, uint32_t num, int *num_received)
{
    returncode_t r = libtock_rng_set_allow_readwrite(buf, len);

    if (r != RETURNCODE_SUCCESS)
        return r;
    r = libtock_rng_command_get_random(num);
    if (r == RETURNCODE_SUCCESS)
        *num_received = (int)yield_wait_for(DRIVER_NUM_RNG, 0).data1;
    libtock_rng_set_allow_readwrite(NULL, 0);
    return r;
}

// --- <rng.h>, before 2024 ----------------------------------------------------------

int
rng_async(subscribe_upcall callback, uint8_t *buf, uint32_t len, uint32_t num)
{
    returncode_t r = libtock_rng_set_upcall(callback, NULL);

    if (r == RETURNCODE_SUCCESS)
        r = libtock_rng_set_allow_readwrite(buf, len);
    if (r == RETURNCODE_SUCCESS)
        r = libtock_rng_command_get_random(num);
    return r;
}

int
rng_sync(uint8_t *buf, uint32_t len, uint32_t num)
{
    int received = 0;
    returncode_t r = libtocksync_rng_get_random_bytes(buf, len, num, &received);

    return r == RETURNCODE_SUCCESS ? received : r;
}
