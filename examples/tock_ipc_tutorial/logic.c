// SPDX-License-Identifier: BSD-2-Clause
//
// The logic client of Tock's IPC tutorial, written by us as a libtock-c
// program (examples/ipc_services has the same): it uses two services, each over its own shared buffer. It
// asks the LED service how many LEDs there are, then forever asks the
// random-number service for two bytes, picks an LED and a state from them,
// sets it, and waits half a second.
#include <stdio.h>

#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>
#include <libtock/tock.h>

static size_t led_service, rng_service;
static char led_buf[64] __attribute__((aligned(64)));
static char rng_buf[64] __attribute__((aligned(64)));
static bool done;

static void
ipc_callback(__attribute__((unused)) int pid, __attribute__((unused)) int len,
             __attribute__((unused)) int arg2, __attribute__((unused)) void *ud)
{
    done = true;
}

// Notify a service and wait for its answer.
static void
request(size_t service)
{
    done = false;
    ipc_notify_service(service);
    yield_for(&done);
}

static uint8_t
get_led_count(void)
{
    led_buf[0] = 0;
    request(led_service);
    return (uint8_t)led_buf[0];
}

static void
set_led(uint8_t led, bool on)
{
    led_buf[0] = 1;
    led_buf[1] = (char)led;
    led_buf[2] = on;
    request(led_service);
}

static uint16_t
get_two_random_bytes(void)
{
    rng_buf[0] = 2;
    request(rng_service);
    return (uint16_t)((uint8_t)rng_buf[0] | (uint8_t)rng_buf[1] << 8);
}

int
main(void)
{
    if (ipc_discover("org.tockos.tutorials.ipc.led", &led_service) < 0) {
        printf("No led service\n");
        return -1;
    }
    if (ipc_discover("org.tockos.tutorials.ipc.rng", &rng_service) < 0) {
        printf("No rng service\n");
        return -1;
    }
    ipc_register_client_callback(led_service, ipc_callback, NULL);
    ipc_register_client_callback(rng_service, ipc_callback, NULL);
    ipc_share(led_service, led_buf, sizeof(led_buf));
    ipc_share(rng_service, rng_buf, sizeof(rng_buf));

    uint8_t leds = get_led_count();
    printf("Number of LEDs: %d\n", leds);
    while (1) {
        uint16_t r = get_two_random_bytes();
        set_led((uint8_t)((r & 0xff) % leds), (r >> 8) > 0x7f);
        libtocksync_alarm_delay_ms(500);
    }
}
