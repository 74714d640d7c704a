#include "check.h"

static unsigned rounds;

void
init(void)
{
    microkit_notify(1);
}

void
notified(microkit_channel ch)
{
    if (ch == 1) {
        if (++rounds < 1000) {
            microkit_notify(1);
            return;
        }
        CHECK_EQ("1000 round trips with pong on core 1", rounds, 1000);
        for (unsigned i = 0; i < 50; i++) {
            microkit_notify(3);
            microkit_notify(4);
        }
        microkit_notify(5);
    } else if (ch == 3) {
        moat_dbg_puts("ping: sink is done\n");
        microkit_notify(6); // the spinner on core 2 starts, and never waits
    } else if (ch == 6) {
        microkit_notify(2); // it spins: the waiter on core 2 must preempt it
    } else if (ch == 2) {
        moat_dbg_puts("ping: the waiter on core 2 answered\n");
        check_done();
    }
}
