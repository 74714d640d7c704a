// SPDX-License-Identifier: BSD-2-Clause
//
// The console driver: whole lines written through libtock-c's asynchronous
// and synchronous calls, the pre-2024 putnstr, the raw calls' errors, and
// printf still on the same console; reading is NOSUPPORT (this PD maps the
// UART, so the kernel reads no console input; tock_console_read reads).
#include <stdio.h>
#include <string.h>

#include <console.h>
#include <libtock-sync/interface/console.h>
#include <libtock/interface/console.h>

#include "check.h"

static bool done;
static returncode_t done_rc;
static uint32_t done_len;

static void
written(returncode_t rc, uint32_t len)
{
    done = true;
    done_rc = rc;
    done_len = len;
}

int
main(void)
{
    static const char async_line[] = "console: an asynchronous line\n";
    static const char sync_line[] = "console: a synchronous line\n";
    static const char old_line[] = "console: a putnstr line\n";
    int n = 0;

    CHECK_EQ("console: exists", libtock_console_exists(), 1);
    CHECK_EQ("console: write", libtock_console_write((const uint8_t *)async_line,
                                                     strlen(async_line), written),
             RETURNCODE_SUCCESS);
    CHECK_EQ("console: its callback waits for yield", done, 0);
    yield_for(&done);
    CHECK_EQ("console: the callback's code", done_rc, RETURNCODE_SUCCESS);
    CHECK_EQ("console: the callback's length", done_len, strlen(async_line));

    CHECK_EQ("console: sync write",
             libtocksync_console_write((const uint8_t *)sync_line, strlen(sync_line), &n),
             RETURNCODE_SUCCESS);
    CHECK_EQ("console: sync write's length", n, strlen(sync_line));
    CHECK_EQ("console: putnstr", putnstr(old_line, strlen(old_line)), strlen(old_line));
    printf("console: printf %d\n", 42);

    // The raw calls: a write after the buffer was taken back, a write
    // longer than the buffer, reading.
    syscall_return_t r = command(DRIVER_NUM_CONSOLE, 1, 5, 0);
    CHECK_EQ("console: a write with no buffer is ERESERVE",
             tock_command_return_novalue_to_returncode(r), RETURNCODE_ERESERVE);
    allow_ro_return_t a = allow_readonly(DRIVER_NUM_CONSOLE, 1, "console: short\nXXX", 15);
    CHECK_EQ("console: allow returns the last buffer (none)", a.success && !a.ptr && !a.size, 1);
    r = command(DRIVER_NUM_CONSOLE, 1, 100, 0);
    CHECK_EQ("console: a write longer than its buffer", r.type, TOCK_SYSCALL_SUCCESS);
    yield_waitfor_return_t w = yield_wait_for(DRIVER_NUM_CONSOLE, 1);
    CHECK_EQ("console: ... writes the buffer", w.data1, 15);
    a = allow_readonly(DRIVER_NUM_CONSOLE, 1, NULL, 0);
    CHECK_EQ("console: allow returns the last buffer", a.size, 15);
    a = allow_readonly(DRIVER_NUM_CONSOLE, 2, NULL, 0);
    CHECK_EQ("console: allow 2 is ENOSUPPORT", tock_allow_ro_return_to_returncode(a),
             RETURNCODE_ENOSUPPORT);

    uint8_t buf[8];
    CHECK_EQ("console: sync read is ENOSUPPORT", libtocksync_console_read(buf, sizeof(buf), &n),
             RETURNCODE_ENOSUPPORT);
    CHECK_EQ("console: getch is ENOSUPPORT", getch(), RETURNCODE_ENOSUPPORT);
    check_done();
    return 0;
}
