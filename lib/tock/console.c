// SPDX-License-Identifier: BSD-2-Clause
//
// Tock's console driver (driver 1) on moat's console output, libtock-c's
// console API over it, the pre-2024 <console.h>, and picolibc's stdout.
//
// A write is done by the time its command returns (SYS_DEBUG_PUTC, one
// byte at a time, in release too): its upcall is queued at once and runs
// at the next yield, as a Tock write's once the UART is done. A read takes
// the kernel's console input (moat_console_read) until it has the bytes it
// asked for, as Tock's console does, then its upcall is queued; if a PD
// owns the UART (its input is that PD's, by its interrupt) there is no
// console input and a read is NOSUPPORT.
#include <stdio.h>

#include <console.h>
#include <libtock-sync/interface/console.h>
#include <moat.h>

#include "driver.h"

// --- the driver ----------------------------------------------------------------

enum { WRITE = 1, READ = 2 };

static struct tock_upcall done[3]; // by subscribe number: 1 write, 2 read
static struct tock_buffer out, in; // read-only allow 1, read-write allow 1
static bool reading;               // a read is under way: `rd_want` bytes into `in`
static uint32_t rd_want, rd_got;

static void
read_done(statuscode_t status)
{
    reading = false;
    tock_schedule(&done[READ], status, (int)rd_got, 0);
}

// Take what input there is into the read buffer; finish the read once it
// has `rd_want` bytes, else ask to be called again when more arrives.
static void
fill(void *unused)
{
    (void)unused;
    if (!reading)
        return; // aborted meanwhile
    if (!in.ptr || in.size < rd_want) {
        read_done(TOCK_STATUSCODE_CANCEL); // the buffer was taken back
        return;
    }
    while (rd_got < rd_want) {
        uint32_t n = rd_want - rd_got < CONSOLE_READ_MAX ? rd_want - rd_got : CONSOLE_READ_MAX;
        long r = moat_console_read((char *)in.ptr + rd_got, n, fill, NULL);
        if (r <= 0)
            return; // fill runs again when input arrives
        rd_got += (uint32_t)r;
    }
    read_done(TOCK_STATUSCODE_SUCCESS);
}

static syscall_return_t
console_command(const struct tock_driver *self, uint32_t cmd, int arg1, int arg2)
{
    (void)self;
    (void)arg2;
    switch (cmd) {
    case 0:
        return tock_success();
    case WRITE: {
        uint32_t n = (uint32_t)arg1;

        // Tock's console needs a buffer first (RESERVE) and writes at most
        // what it holds.
        if (!out.ptr)
            return tock_failure(TOCK_STATUSCODE_RESERVE);
        if (n > out.size)
            n = (uint32_t)out.size;
        for (uint32_t i = 0; i < n; i++)
            moat_dbg_putc(((const char *)out.ptr)[i]);
        tock_schedule(&done[WRITE], TOCK_STATUSCODE_SUCCESS, (int)n, 0);
        return tock_success();
    }
    case READ: {
        if (!in.ptr)
            return tock_failure(TOCK_STATUSCODE_RESERVE);
        // Busy until the last read's upcall has run, as Tock's read is
        // until its UART's callback.
        if (reading || tock_scheduled(&done[READ]))
            return tock_failure(TOCK_STATUSCODE_BUSY);
        rd_want = (uint32_t)arg1 < in.size ? (uint32_t)arg1 : (uint32_t)in.size;
        rd_got = 0;
        if (rd_want) {
            long r = moat_console_read((char *)in.ptr, rd_want < CONSOLE_READ_MAX ? rd_want : CONSOLE_READ_MAX,
                                       fill, NULL);
            if (r == E_PERM)
                return tock_failure(TOCK_STATUSCODE_NOSUPPORT); // a PD owns the UART
            rd_got = r > 0 ? (uint32_t)r : 0;
        }
        reading = true;
        fill(NULL);
        return tock_success();
    }
    case 3: // abort a read: it ends with CANCEL and the bytes it has
        if (reading)
            read_done(TOCK_STATUSCODE_CANCEL);
        return tock_success();
    default:
        return tock_failure(TOCK_STATUSCODE_NOSUPPORT);
    }
}

static struct tock_upcall *
console_slot(const struct tock_driver *self, uint32_t sub)
{
    (void)self;
    return sub == WRITE || sub == READ ? &done[sub] : NULL;
}

static struct tock_buffer *
console_ro(const struct tock_driver *self, uint32_t n)
{
    (void)self;
    return n == 1 ? &out : NULL;
}

static struct tock_buffer *
console_rw(const struct tock_driver *self, uint32_t n)
{
    (void)self;
    return n == 1 ? &in : NULL;
}

// A write's upcall is queued by its command; a read is in progress until
// its bytes have come.
static bool
console_live(const struct tock_driver *self)
{
    (void)self;
    return reading;
}

const struct tock_driver tock_console_driver = {
    .num = DRIVER_NUM_CONSOLE,
    .command = console_command,
    .upcall = console_slot,
    .rw = console_rw,
    .ro = console_ro,
    .live = console_live,
};

__attribute__((constructor)) static void
console_restart(void)
{
    done[WRITE] = done[READ] = (struct tock_upcall){0};
    out = in = (struct tock_buffer){0};
    reading = false;
}

// --- libtock's driver calls ----------------------------------------------------

returncode_t
libtock_console_write_done_set_upcall(subscribe_upcall callback, void *opaque)
{
    return tock_subscribe_return_to_returncode(
        subscribe(DRIVER_NUM_CONSOLE, WRITE, callback, opaque));
}

returncode_t
libtock_console_read_done_set_upcall(subscribe_upcall callback, void *opaque)
{
    return tock_subscribe_return_to_returncode(
        subscribe(DRIVER_NUM_CONSOLE, READ, callback, opaque));
}

returncode_t
libtock_console_set_read_allow(const uint8_t *buffer, uint32_t len)
{
    return tock_allow_ro_return_to_returncode(allow_readonly(DRIVER_NUM_CONSOLE, 1, buffer, len));
}

returncode_t
libtock_console_set_readwrite_allow(uint8_t *buffer, uint32_t len)
{
    return tock_allow_rw_return_to_returncode(allow_readwrite(DRIVER_NUM_CONSOLE, 1, buffer, len));
}

bool
libtock_console_command_exists(void)
{
    return driver_exists(DRIVER_NUM_CONSOLE);
}

returncode_t
libtock_console_command_write(int length)
{
    return tock_command_return_novalue_to_returncode(
        command(DRIVER_NUM_CONSOLE, WRITE, length, 0));
}

returncode_t
libtock_console_command_read(int length)
{
    return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_CONSOLE, READ, length, 0));
}

returncode_t
libtock_console_command_abort_read(void)
{
    return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_CONSOLE, 3, 0, 0));
}

// --- asynchronous --------------------------------------------------------------

// The upcall of a write or read done: the callback is its userdata.
static void
done_upcall(int status, int length, int unused, void *ud)
{
    libtock_console_callback_write cb = (libtock_console_callback_write)ud;

    (void)unused;
    cb((returncode_t)tock_status_to_returncode((statuscode_t)status), (uint32_t)length);
}

bool
libtock_console_exists(void)
{
    return libtock_console_command_exists();
}

returncode_t
libtock_console_write(const uint8_t *buffer, uint32_t len, libtock_console_callback_write cb)
{
    returncode_t err = libtock_console_write_done_set_upcall(done_upcall, (void *)cb);

    if (err != RETURNCODE_SUCCESS)
        return err;
    err = libtock_console_set_read_allow(buffer, len);
    if (err != RETURNCODE_SUCCESS)
        return err;
    return libtock_console_command_write((int)len);
}

returncode_t
libtock_console_read(uint8_t *buffer, uint32_t len, libtock_console_callback_read cb)
{
    returncode_t err = libtock_console_read_done_set_upcall(done_upcall, (void *)cb);

    if (err != RETURNCODE_SUCCESS)
        return err;
    err = libtock_console_set_readwrite_allow(buffer, len);
    if (err != RETURNCODE_SUCCESS)
        return err;
    return libtock_console_command_read((int)len);
}

returncode_t
libtock_console_abort_read(void)
{
    return libtock_console_command_abort_read();
}

// --- synchronous ---------------------------------------------------------------

// Start with allow and command, then wait for the upcall `sub` alone. The
// buffer is taken back afterwards, as libtock-c's does.
static returncode_t
sync_op(uint32_t sub, uint8_t *buffer, uint32_t length, int *count)
{
    returncode_t err = sub == WRITE ? libtock_console_set_read_allow(buffer, length)
                                    : libtock_console_set_readwrite_allow(buffer, length);

    if (err != RETURNCODE_SUCCESS)
        return err;
    err = sub == WRITE ? libtock_console_command_write((int)length)
                       : libtock_console_command_read((int)length);
    if (err == RETURNCODE_SUCCESS) {
        yield_waitfor_return_t r = yield_wait_for(DRIVER_NUM_CONSOLE, sub);

        *count = (int)r.data1;
        err = (returncode_t)tock_status_to_returncode((statuscode_t)r.data0);
    }
    if (sub == WRITE)
        (void)libtock_console_set_read_allow(NULL, 0);
    else
        (void)libtock_console_set_readwrite_allow(NULL, 0);
    return err;
}

returncode_t
libtocksync_console_write(const uint8_t *buffer, uint32_t length, int *written)
{
    return sync_op(WRITE, (uint8_t *)(uintptr_t)buffer, length, written);
}

returncode_t
libtocksync_console_read(uint8_t *buffer, uint32_t length, int *read)
{
    return sync_op(READ, buffer, length, read);
}

// --- <console.h> ---------------------------------------------------------------

int
putnstr(const char *str, size_t len)
{
    int written = 0;
    returncode_t err = libtocksync_console_write((const uint8_t *)str, (uint32_t)len, &written);

    return err == RETURNCODE_SUCCESS ? written : err;
}

int
putnstr_async(const char *str, size_t len, subscribe_upcall cb, void *userdata)
{
    returncode_t err = libtock_console_write_done_set_upcall(cb, userdata);

    if (err != RETURNCODE_SUCCESS)
        return err;
    err = libtock_console_set_read_allow((const uint8_t *)str, (uint32_t)len);
    if (err != RETURNCODE_SUCCESS)
        return err;
    return libtock_console_command_write((int)len);
}

int
getnstr(char *str, size_t len)
{
    int got = 0;
    returncode_t err = libtocksync_console_read((uint8_t *)str, (uint32_t)len, &got);

    return err == RETURNCODE_SUCCESS ? got : err;
}

int
getnstr_async(char *str, size_t len, subscribe_upcall cb, void *userdata)
{
    returncode_t err = libtock_console_read_done_set_upcall(cb, userdata);

    if (err != RETURNCODE_SUCCESS)
        return err;
    err = libtock_console_set_readwrite_allow((uint8_t *)str, (uint32_t)len);
    if (err != RETURNCODE_SUCCESS)
        return err;
    return libtock_console_command_read((int)len);
}

int
getch(void)
{
    char c;
    int n = getnstr(&c, 1);

    return n == 1 ? (unsigned char)c : n < 0 ? n : RETURNCODE_FAIL;
}

int
getnstr_abort(void)
{
    return libtock_console_abort_read();
}

// --- picolibc ------------------------------------------------------------------

// stdout and stderr write straight to the console (not through the driver,
// whose upcalls they would crowd the queue with): in release too, as the
// program's console, not libmicrokit's debug output.
static int
console_put(char c, FILE *f)
{
    (void)f;
    moat_dbg_putc(c);
    return (unsigned char)c;
}

// stdin reads the console through the driver, a byte at a time (getch).
static int
console_get(FILE *f)
{
    (void)f;
    int c = getch();

    return c < 0 ? _FDEV_ERR : c;
}

static FILE console = FDEV_SETUP_STREAM(console_put, console_get, NULL, _FDEV_SETUP_RW);
FILE *const stdin = &console;
FILE *const stdout = &console;
FILE *const stderr = &console;
