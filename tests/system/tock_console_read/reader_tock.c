// SPDX-License-Identifier: BSD-2-Clause
//
// Reads input.txt ("hellox abc wxyz 42\nZZ") piece by piece through each of
// libtock-c's ways to read the console, and checks what each returned.
#include <stdio.h>
#include <string.h>

#include <console.h>
#include <libtock-sync/interface/console.h>
#include <libtock/interface/console.h>
#include <libtock/tock.h>

#include "check.h"

static returncode_t async_status = RETURNCODE_FAIL;
static uint32_t async_len;
static bool async_done;

static void
read_cb(returncode_t status, uint32_t len)
{
    async_status = status;
    async_len = len;
    async_done = true;
}

int
main(void)
{
    uint8_t buf[16] = {0};
    int n = 0;

    // No buffer allowed yet: RESERVE, as Tock's.
    CHECK_EQ("reader: read without a buffer is ERESERVE", libtock_console_command_read(3),
             RETURNCODE_ERESERVE);
    CHECK_EQ("reader: sync read", libtocksync_console_read(buf, 5, &n), RETURNCODE_SUCCESS);
    CHECK_EQ("reader: sync read got 5 bytes", n, 5);
    CHECK_EQ("reader: they are 'hello'", memcmp(buf, "hello", 5), 0);
    CHECK_EQ("reader: getch", getch(), 'x');
    CHECK_EQ("reader: getch", getch(), ' ');

    memset(buf, 0, sizeof(buf));
    CHECK_EQ("reader: async read", libtock_console_read(buf, 4, read_cb), RETURNCODE_SUCCESS);
    CHECK_EQ("reader: a second read is EBUSY", libtock_console_command_read(4), RETURNCODE_EBUSY);
    yield_for(&async_done);
    CHECK_EQ("reader: async read done", async_status, RETURNCODE_SUCCESS);
    CHECK_EQ("reader: async read got 4 bytes", async_len, 4);
    CHECK_EQ("reader: they are 'abc '", memcmp(buf, "abc ", 4), 0);

    char s[8] = {0};
    CHECK_EQ("reader: getnstr", getnstr(s, 5), 5);
    CHECK_EQ("reader: it is 'wxyz '", strcmp(s, "wxyz "), 0);

    int v = 0;
    CHECK_EQ("reader: scanf from stdin", scanf("%d", &v), 1);
    CHECK_EQ("reader: it read 42", v, 42);
    CHECK_EQ("reader: getchar", getchar(), '\n');

    // Ask for more than will ever come, then abort: CANCEL with what came.
    memset(buf, 0, sizeof(buf));
    async_done = false;
    CHECK_EQ("reader: long read", libtock_console_read(buf, 10, read_cb), RETURNCODE_SUCCESS);
    while (!async_done && buf[1] != 'Z')
        yield_no_wait();
    CHECK_EQ("reader: abort", libtock_console_abort_read(), RETURNCODE_SUCCESS);
    yield_for(&async_done);
    CHECK_EQ("reader: aborted read is ECANCEL", async_status, RETURNCODE_ECANCEL);
    CHECK_EQ("reader: it had 2 bytes", async_len, 2);
    CHECK_EQ("reader: they are 'ZZ'", memcmp(buf, "ZZ", 2), 0);
    check_done();
    return 0;
}
