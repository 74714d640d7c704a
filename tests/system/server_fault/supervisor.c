#include "check.h"

#define SERVER 1
#define CLIENT 1

void
init(void)
{
}

// The client asks for the server to be brought back.
void
notified(microkit_channel ch)
{
    (void)ch;
    moat_dbg_puts("supervisor: resetting the server\n");
    moat_pd_reset(SERVER);
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    (void)msginfo;
    (void)reply;
    moat_dbg_puts("supervisor: server faulted; leaving it stopped\n");
    CHECK_EQ("child id", child, SERVER);
    return seL4_False;
}
