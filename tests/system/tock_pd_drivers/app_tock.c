// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's LED API and the raw calls on PD-served drivers.
#include <led.h>
#include <libtock/interface/led.h>
#include <libtock/tock.h>
#include <stdio.h>

#define ECHO 0x77

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

static int seen, in_order = 1;

static void
on_echo(int a0, int a1, int a2, void *ud)
{
    in_order &= a0 == seen && a1 == 2 * seen && a2 == 3 * seen && ud == &seen;
    seen++;
}

int
main(void)
{
    int n = 0;

    check("the LED driver exists", driver_exists(DRIVER_NUM_LED), 1);
    check("libtock_led_count", libtock_led_count(&n), RETURNCODE_SUCCESS);
    check("4 LEDs", n, 4);
    check("led_count (<led.h>)", led_count(), 4);
    check("libtock_led_on(2)", libtock_led_on(2), RETURNCODE_SUCCESS);
    check("libtock_led_toggle(2)", libtock_led_toggle(2), RETURNCODE_SUCCESS);
    check("led_on(3) (<led.h>)", led_on(3), RETURNCODE_SUCCESS);
    check("libtock_led_off(3)", libtock_led_off(3), RETURNCODE_SUCCESS);
    check("LED 4 does not exist", libtock_led_on(4), RETURNCODE_EINVAL);
    syscall_return_t r = command(DRIVER_NUM_LED, 9, 0, 0);
    check("command 9 fails", r.type, TOCK_SYSCALL_FAILURE);
    check("with NOSUPPORT", r.data[0], TOCK_STATUSCODE_NOSUPPORT);
    check("driver 0x3 is no one's", driver_exists(0x3), 0);

    static uint8_t ro[16], rw[8];
    for (int i = 0; i < 16; i++)
        ro[i] = (uint8_t)(i + 1);
    allow_ro_return_t aro = allow_readonly(ECHO, 0, ro, sizeof ro);
    check("allow_readonly 0", aro.success, 1);
    uint32_t v = 0;
    check("echo sums it", tock_command_return_u32_to_returncode(command(ECHO, 1, 0, 0), &v),
          RETURNCODE_SUCCESS);
    check("to 136", v, 136);
    allow_rw_return_t arw = allow_readwrite(ECHO, 1, rw, sizeof rw);
    check("a second buffer while one is allowed", arw.success, 0);
    check("is RESERVE", arw.status, TOCK_STATUSCODE_RESERVE);
    aro = allow_readonly(ECHO, 0, NULL, 0);
    check("unallow 0 gives the buffer back", aro.ptr == ro && aro.size == sizeof ro, 1);
    arw = allow_readwrite(ECHO, 1, rw, sizeof rw);
    check("then allow_readwrite 1", arw.success, 1);
    check("echo fills it", tock_command_return_u32_to_returncode(command(ECHO, 2, 0x5a, 0), &v),
          RETURNCODE_SUCCESS);
    check("all of it", rw[0] + rw[7], 2 * 0x5a);
    check("allow 9 does not exist", allow_readwrite(ECHO, 9, rw, 1).status,
          TOCK_STATUSCODE_NOSUPPORT);

    check("subscribe 5", subscribe(ECHO, 5, on_echo, &seen).success, 1);
    check("ask for 20 upcalls", tock_command_return_u32_to_returncode(command(ECHO, 3, 20, 0), &v),
          RETURNCODE_SUCCESS);
    check("16 queued by echo", v, 16);
    yield();
    check("one yield runs one upcall", seen, 1);
    while (seen < 15)
        yield();
    yield_waitfor_return_t w = yield_wait_for(ECHO, 5);
    check("yield_wait_for takes the last one's values", w.data0 == 15 && w.data2 == 45, 1);
    check("without running it", seen, 15);
    check("the others ran in order", in_order, 1);

    r = command(ECHO, 9, 0, 0);
    check("echo faults in a command: FAIL", r.type == TOCK_SYSCALL_FAILURE &&
                                                r.data[0] == TOCK_STATUSCODE_FAIL, 1);
    check("and after", tock_command_return_novalue_to_returncode(command(ECHO, 0, 0, 0)),
          RETURNCODE_FAIL);
    check("the LEDs still answer", led_count(), 4);
    printf(fails ? "app: FAIL\n" : "app: PASS\n");
    return fails;
}
