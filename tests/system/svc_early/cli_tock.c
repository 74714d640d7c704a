// SPDX-License-Identifier: BSD-2-Clause
//
// Notifies two services that have not registered their callbacks yet, and
// waits in libtocksync_alarm_delay_ms while their answers arrive.
#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>

#include "check.h"

#define MS (MOAT_TIME_HZ / 1000)

static size_t tsvc, msvc;
static bool tock_answered, mk_answered;
static uint64_t t_notify, t_tock;

static void
on_tsvc(int pid, int len, int buf, void *ud)
{
    (void)len;
    (void)buf;
    (void)ud;
    CHECK_EQ("cli: answer from early.tock", (size_t)pid, tsvc);
    t_tock = moat_time();
    tock_answered = true;
}

static void
on_msvc(int pid, int len, int buf, void *ud)
{
    (void)len;
    (void)buf;
    (void)ud;
    CHECK_EQ("cli: answer from early.mk", (size_t)pid, msvc);
    mk_answered = true;
}

int
main(void)
{
    CHECK_EQ("cli: discover early.tock", ipc_discover("early.tock", &tsvc), RETURNCODE_SUCCESS);
    CHECK_EQ("cli: discover early.mk", ipc_discover("early.mk", &msvc), RETURNCODE_SUCCESS);
    ipc_register_client_callback(tsvc, on_tsvc, NULL);
    ipc_register_client_callback(msvc, on_msvc, NULL);
    t_notify = moat_time();
    CHECK_EQ("cli: notify early.tock before it registered", ipc_notify_service(tsvc),
             RETURNCODE_SUCCESS);
    CHECK_EQ("cli: notify early.mk before it registered", ipc_notify_service(msvc),
             RETURNCODE_SUCCESS);
    libtocksync_alarm_delay_ms(5); // msvc and tsvc take the events, with no callback
    CHECK_EQ("cli: no answer before either registered", tock_answered || mk_answered, false);
    microkit_notify(0); // msvc: register now
    // The answers come while this PD sits in delays (tsvc's after 20 ms); a
    // few more delays than needed, in case QEMU's idle clock runs ahead.
    for (int i = 0; i < 10 && !(mk_answered && tock_answered); i++)
        libtocksync_alarm_delay_ms(40);
    CHECK_EQ("cli: early.mk answered during the delay", mk_answered, true);
    CHECK_EQ("cli: early.tock answered during the delay", tock_answered, true);
    CHECK_EQ("cli: early.tock answered only after its 20 ms",
             tock_answered && t_tock - t_notify >= 20 * MS, true);
    check_done();
    return 0;
}
