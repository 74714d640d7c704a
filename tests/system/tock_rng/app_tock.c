// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's random-number API over the SDK's driver PD (tock_rng.elf) and
// virtio-rng: the synchronous and asynchronous calls and the old <rng.h>,
// a buffer shorter than the request, no bytes, an unknown command; and,
// while `other` (other_tock.c) waits for 4096 bytes, requests of its own
// served in turn.
#include <libtock-sync/peripherals/rng.h>
#include <libtock-sync/services/alarm.h>
#include <libtock/peripherals/rng.h>
#include <libtock/tock.h>
#include <moat.h>
#include <rng.h>
#include <stdio.h>
#include <string.h>

#include "progress.h"

uintptr_t progress; // set by the tool (setvar_vaddr)

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

static bool
all_zero(const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return false;
    return true;
}

static bool async_done;
static returncode_t async_ret;
static int async_received;

static void
got_async(returncode_t ret, int received)
{
    async_ret = ret;
    async_received = received;
    async_done = true;
}

int
main(void)
{
    const struct progress *p = (const struct progress *)progress;
    static uint8_t a[32], b[32], c[100], small[8];
    int n = -1;

    // First of all, while other's request is pending (other outranks this
    // PD, so it has asked before this one runs): a chunk of its 4096 bytes
    // at most comes before these 16. Printing is slow, so later.
    uint32_t asked = p->asked;
    returncode_t first = libtocksync_rng_get_random_bytes(a, 16, 16, &n);
    uint32_t other_done = p->done;
    check("other's request is made", asked, 1);
    check("libtocksync_rng_get_random_bytes(16)", first, RETURNCODE_SUCCESS);
    check("served while other's 4096 bytes are still pending", other_done, 0);
    check("16 bytes", n, 16);
    check("the RNG driver exists", libtock_rng_exists(), 1);

    check("32 bytes", libtocksync_rng_get_random_bytes(a, sizeof a, sizeof a, &n), RETURNCODE_SUCCESS);
    check("all 32", n, 32);
    check("32 more", libtocksync_rng_get_random_bytes(b, sizeof b, sizeof b, &n), RETURNCODE_SUCCESS);
    check("not all zero", all_zero(a, sizeof a) || all_zero(b, sizeof b), 0);
    check("and not the same", memcmp(a, b, sizeof a) != 0, 1);

    check("libtock_rng_get_random_bytes(100), asynchronous",
          libtock_rng_get_random_bytes(c, sizeof c, sizeof c, got_async), RETURNCODE_SUCCESS);
    yield_for(&async_done);
    check("its callback: success", async_ret, RETURNCODE_SUCCESS);
    check("with 100 bytes", async_received, 100);
    check("not all zero", all_zero(c, sizeof c), 0);

    check("64 bytes asked, 8 of buffer", libtocksync_rng_get_random_bytes(small, sizeof small, 64, &n),
          RETURNCODE_SUCCESS);
    check("the buffer's 8", n, 8);
    check("0 bytes asked", libtocksync_rng_get_random_bytes(small, sizeof small, 0, &n),
          RETURNCODE_SUCCESS);
    check("none given", n, 0);

    memcpy(b, a, sizeof a);
    check("rng_sync (<rng.h>) gives 32", rng_sync(a, sizeof a, sizeof a), 32);
    check("new ones", memcmp(a, b, sizeof a) != 0, 1);

    syscall_return_t r = command(DRIVER_NUM_RNG, 9, 0, 0);
    check("command 9 fails", r.type, TOCK_SYSCALL_FAILURE);
    check("with NOSUPPORT", r.data[0], TOCK_STATUSCODE_NOSUPPORT);

    while (!p->done)
        libtocksync_alarm_delay_ms(10);
    check("other's request is done", p->done, 1);
    check("with its 4096 bytes", p->received, OTHER_BYTES);
    check("nearly none of them 0", p->nonzero > OTHER_BYTES - OTHER_BYTES / 32, 1);
    printf(fails ? "app: FAIL\n" : "app: PASS\n");
    moat_dbg_halt(fails ? 1 : 0); // the driver PD waits for interrupts: the system would not end
    return fails;
}
