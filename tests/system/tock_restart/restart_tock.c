// SPDX-License-Identifier: BSD-2-Clause
//
// Runs three times: each notification from its client restarts it with
// tock_restart, and each run must find its data and bss as at boot and a
// pending alarm gone. The shared region `runs` (not reset) counts the runs.
#include <stdint.h>
#include <stdio.h>

#include <libtock/kernel/ipc.h>
#include <libtock/services/alarm.h>
#include <libtock/tock.h>

uintptr_t runs; // setvar_vaddr

static int data = 7;
static int bss;
static libtock_alarm_t alarm;

static void
ring(uint32_t now, uint32_t due, void *ud)
{
    (void)now;
    (void)due;
    (void)ud;
    printf("restart: FAIL the alarm of an earlier run rang\n");
}

static void
restart_me(int client, int len, int buf, void *ud)
{
    volatile uint32_t *n = (volatile uint32_t *)runs;

    (void)client;
    (void)len;
    (void)buf;
    (void)ud;
    data = 99;
    bss = 5;
    libtock_alarm_in_ms(2, ring, NULL, &alarm);
    ++*n;
    tock_restart(*n);
    printf("restart: FAIL tock_restart returned\n");
}

int
main(void)
{
    volatile uint32_t *n = (volatile uint32_t *)runs;

    printf("restart: run %u data %d bss %d\n", (unsigned)*n, data, bss);
    if (*n < 2)
        ipc_register_service_callback("org.test.restart", restart_me, NULL);
    return 0;
}
