#include "check.h"

#define SERVER     0
#define SUPERVISOR 1

void
init(void)
{
    microkit_msginfo r = microkit_ppcall(SERVER, microkit_msginfo_new(1, 0));
    CHECK_EQ("call during which the server faults: error label",
             microkit_msginfo_get_label(r) == MOAT_PPC_ERROR_LABEL, 1);
    CHECK_EQ("... and E_DEAD", (long)microkit_mr_get(0), E_DEAD);
    r = microkit_ppcall(SERVER, microkit_msginfo_new(2, 0));
    CHECK_EQ("call to the stopped server: error label",
             microkit_msginfo_get_label(r) == MOAT_PPC_ERROR_LABEL, 1);
    CHECK_EQ("... and E_DEAD", (long)microkit_mr_get(0), E_DEAD);
    microkit_notify(SUPERVISOR); // runs the supervisor, then the reset server
    r = microkit_ppcall(SERVER, microkit_msginfo_new(2, 0));
    CHECK_EQ("call after the reset: answered", microkit_msginfo_get_label(r), 2);
    CHECK_EQ("... with the answer", microkit_mr_get(0), 42);
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
