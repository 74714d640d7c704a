// Woken by the server, notifies the client.
#include "check.h"

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    CHECK_EQ("pinger notified", ch, 6);
    microkit_notify(4);
}
