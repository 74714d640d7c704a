// SPDX-License-Identifier: BSD-2-Clause
//
// A libtock client of svc.beta only: ipc_discover of a service it may not
// use, or of no service, is RETURNCODE_ENODEVICE, and a failed discovery
// leaves the next one working (libtock-c left its name allowed: bug 9).
#include <libtock/kernel/ipc.h>

#include "check.h"

int
main(void)
{
    size_t id = 7;

    CHECK_EQ("tcli: svc.alpha (not its client) ENODEVICE", ipc_discover("svc.alpha", &id),
             RETURNCODE_ENODEVICE);
    CHECK_EQ("tcli: no such service ENODEVICE", ipc_discover("svc.nope", &id),
             RETURNCODE_ENODEVICE);
    CHECK_EQ("tcli: empty name ENODEVICE", ipc_discover("", &id), RETURNCODE_ENODEVICE);
    CHECK_EQ("tcli: id untouched", id, 7);
    CHECK_EQ("tcli: svc.beta found after failures", ipc_discover("svc.beta", &id),
             RETURNCODE_SUCCESS);
    CHECK_EQ("tcli: svc.beta id not 0", id != 0 && id != 7, 1);
    return 0;
}
