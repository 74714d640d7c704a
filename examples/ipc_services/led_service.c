// SPDX-License-Identifier: BSD-2-Clause
//
// The LED service, a libtock-c program in the shape of the Tock tutorial's:
// byte 0 of the client's buffer is a command. 0: write the number of LEDs
// into byte 0. 1: set LED byte 1 on (byte 2 non-zero) or off. It answers
// each command by notifying the client. QEMU's virt board has no LEDs, so
// these are emulated: each change is printed.
#include <stdio.h>

#include <libtock/kernel/ipc.h>
#include <libtock/tock.h>

#define NUM_LEDS 4

static bool led_on[NUM_LEDS];

static void
ipc_callback(int pid, int len, int buf, __attribute__((unused)) void *ud)
{
    uint8_t *buffer = (uint8_t *)(uintptr_t)buf;

    if (len < 1)
        return; // no buffer shared: nothing to answer
    if (buffer[0] == 0) {
        buffer[0] = NUM_LEDS;
    } else if (buffer[0] == 1 && len >= 3 && buffer[1] < NUM_LEDS) {
        bool on = buffer[2] != 0;
        if (led_on[buffer[1]] != on)
            printf("led: LED %d %s\n", buffer[1], on ? "on" : "off");
        led_on[buffer[1]] = on;
    } else {
        return;
    }
    ipc_notify_client(pid);
}

int
main(void)
{
    ipc_register_service_callback("org.tockos.tutorials.ipc.led", ipc_callback, NULL);
    while (1)
        yield();
}
