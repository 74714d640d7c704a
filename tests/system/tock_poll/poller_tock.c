// SPDX-License-Identifier: BSD-2-Clause
//
// Polls with yield_no_wait only, never blocking: the service's answers,
// which stay in the kernel until the poller asks, must reach its callback.
#include <libtock/kernel/ipc.h>
#include <libtock/tock.h>

#include "check.h"

static int answers;

static void
answered(int svc, int len, int buf, void *ud)
{
    (void)svc;
    (void)len;
    (void)buf;
    (void)ud;
    answers++;
}

// Polls until an answer has run, at most `tries` times; returns how many
// yield_no_wait calls ran an upcall.
static int
poll_for_answer(int tries)
{
    int ran = 0;

    for (int i = 0; i < tries && answers == 0; i++)
        ran += yield_no_wait();
    return ran;
}

int
main(void)
{
    size_t id;

    CHECK_EQ("poller: nothing pending at first", yield_no_wait(), 0);
    CHECK_EQ("poller: discover", ipc_discover("org.test.poll", &id), RETURNCODE_SUCCESS);
    CHECK_EQ("poller: subscribe", ipc_register_client_callback(id, answered, NULL),
             RETURNCODE_SUCCESS);
    for (int round = 0; round < 3; round++) {
        answers = 0;
        CHECK_EQ("poller: notify", ipc_notify_service(id), RETURNCODE_SUCCESS);
        CHECK_EQ("poller: one upcall ran", poll_for_answer(1000), 1);
        CHECK_EQ("poller: the answer arrived", answers, 1);
        CHECK_EQ("poller: nothing more pending", yield_no_wait(), 0);
    }
    check_done();
    return 0;
}
