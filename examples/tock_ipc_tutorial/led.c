// SPDX-License-Identifier: BSD-2-Clause
//
// The LED service of Tock's IPC tutorial, written by us as a libtock-c
// program: it provides org.tockos.tutorials.ipc.led and drives the LEDs
// through libtock-c's LED API, which the SDK's LED driver PD (tock_leds.elf)
// serves. Byte 0 of the client's buffer is a command. 0: write the number
// of LEDs into byte 0. 1: set LED byte 1 on (byte 2 non-zero) or off. It
// answers each command by notifying the client; a buffer too short for
// its command gets no answer.
#include <libtock/interface/led.h>
#include <libtock/kernel/ipc.h>
#include <libtock/tock.h>

static int led_count;

static void
ipc_callback(int pid, int len, int buf, __attribute__((unused)) void *ud)
{
    uint8_t *buffer = (uint8_t *)buf;

    if (len < 1)
        return;
    switch (buffer[0]) {
    case 0:
        buffer[0] = (uint8_t)led_count;
        break;
    case 1:
        if (len < 3)
            return;
        if (buffer[2])
            libtock_led_on(buffer[1]);
        else
            libtock_led_off(buffer[1]);
        break;
    default:
        return;
    }
    ipc_notify_client(pid);
}

int
main(void)
{
    libtock_led_count(&led_count);
    ipc_register_service_callback("org.tockos.tutorials.ipc.led", ipc_callback, NULL);
    while (1)
        yield();
}
