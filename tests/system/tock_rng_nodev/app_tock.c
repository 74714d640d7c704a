// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's random-number API when the driver PD found no device: the
// driver does not exist, and every call is NODEVICE.
#include <libtock-sync/peripherals/rng.h>
#include <libtock/peripherals/rng.h>
#include <libtock/tock.h>
#include <moat.h>
#include <rng.h>
#include <stdio.h>

static int fails;

static void
check(const char *what, long got, long want)
{
    if (got == want) {
        printf("ok app: %s\n", what);
    } else {
        printf("FAIL app: %s: got %ld want %ld\n", what, got, want);
        fails++;
    }
}

int
main(void)
{
    static uint8_t buf[16];
    int n = -1;

    check("libtock_rng_exists is false", libtock_rng_exists(), 0);
    syscall_return_t r = command(DRIVER_NUM_RNG, 0, 0, 0);
    check("command 0 fails", r.type, TOCK_SYSCALL_FAILURE);
    check("with NODEVICE", r.data[0], TOCK_STATUSCODE_NODEVICE);
    r = command(DRIVER_NUM_RNG, 9, 0, 0);
    check("command 9 is NODEVICE too", r.type == TOCK_SYSCALL_FAILURE &&
                                           r.data[0] == TOCK_STATUSCODE_NODEVICE, 1);
    check("libtocksync_rng_get_random_bytes: ENODEVICE",
          libtocksync_rng_get_random_bytes(buf, sizeof buf, sizeof buf, &n), RETURNCODE_ENODEVICE);
    check("nothing received", n, -1);
    check("rng_sync (<rng.h>): ENODEVICE", rng_sync(buf, sizeof buf, sizeof buf),
          RETURNCODE_ENODEVICE);
    printf(fails ? "app: FAIL\n" : "app: PASS\n");
    moat_dbg_halt(fails ? 1 : 0); // the driver PD waits for interrupts: the system would not end
    return fails;
}
