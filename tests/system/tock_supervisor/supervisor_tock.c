// SPDX-License-Identifier: BSD-2-Clause
//
// The supervisor: keeps a pointer into each runner's record, and from an
// alarm callback, 20 ms apart, judges one runner after another in the
// order they came, in their own memory.
#include <libtock/kernel/ipc.h>
#include <libtock/services/alarm.h>
#include <libtock/tock.h>
#include <stdio.h>

#include "check.h"
#include "unit.h"

static struct unit *fifo[2];
static int came, judged;
static libtock_alarm_t alarm;

static void
judge(uint32_t now, uint32_t scheduled, void *opaque)
{
    (void)now;
    (void)scheduled;
    (void)opaque;
    if (judged == came) {
        // Both runners have their verdict: wait for them to see it.
        if (fifo[0]->done && fifo[1]->done) {
            printf("supervisor: both runners saw their verdict\n");
            check_done();
            return;
        }
    } else {
        struct unit *u = fifo[judged++];
        CHECK_EQ("supervisor: the runner beat after its notification", u->heartbeat > 0, 1);
        u->verdict = VERDICT | u->heartbeat;
        printf("supervisor: judged %s\n", u->name);
    }
    libtock_alarm_in_ms(20, judge, NULL, &alarm);
}

static void
runner_came(int client, int len, int buf, void *ud)
{
    (void)client;
    (void)ud;
    if (came == 2 || len < (int)sizeof(struct unit))
        return;
    fifo[came++] = (struct unit *)buf;
    printf("supervisor: %s came\n", fifo[came - 1]->name);
    if (came == 2)
        libtock_alarm_in_ms(20, judge, NULL, &alarm);
}

int
main(void)
{
    ipc_register_service_callback("org.tockos.unit_test", runner_came, NULL);
    for (;;)
        yield();
}
