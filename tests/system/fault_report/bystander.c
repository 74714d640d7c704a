// Runs after the crasher has faulted (it is of lower priority), and ends
// the run: the system goes on.
#include "check.h"

void
init(void)
{
    CHECK_EQ("bystander runs on", 1, 1);
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
