// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's LED API (driver 0x2), through command() as libtock-c's is: on
// moat a PD serves the driver (<tock_driver>).
#include <led.h>
#include <libtock/interface/led.h>

bool
libtock_led_exists(void)
{
    return driver_exists(DRIVER_NUM_LED);
}

returncode_t
libtock_led_command_count(int *count)
{
    uint32_t n = 0;
    returncode_t r = tock_command_return_u32_to_returncode(command(DRIVER_NUM_LED, 0, 0, 0), &n);

    *count = (int)n;
    return r;
}

returncode_t
libtock_led_command_on(int led_num)
{
    return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_LED, 1, led_num, 0));
}

returncode_t
libtock_led_command_off(int led_num)
{
    return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_LED, 2, led_num, 0));
}

returncode_t
libtock_led_command_toggle(int led_num)
{
    return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_LED, 3, led_num, 0));
}

returncode_t
libtock_led_count(int *count)
{
    return libtock_led_command_count(count);
}

returncode_t
libtock_led_on(int led_num)
{
    return libtock_led_command_on(led_num);
}

returncode_t
libtock_led_off(int led_num)
{
    return libtock_led_command_off(led_num);
}

returncode_t
libtock_led_toggle(int led_num)
{
    return libtock_led_command_toggle(led_num);
}

// --- <led.h>, before 2024 --------------------------------------------------------

int
led_count(void)
{
    int n = 0;

    return libtock_led_command_count(&n) == RETURNCODE_SUCCESS ? n : 0;
}

int
led_on(int led_num)
{
    return libtock_led_command_on(led_num);
}

int
led_off(int led_num)
{
    return libtock_led_command_off(led_num);
}

int
led_toggle(int led_num)
{
    return libtock_led_command_toggle(led_num);
}
