// SPDX-License-Identifier: BSD-2-Clause
//
// libtock's ipc_share: memory it does not own is RETURNCODE_EINVAL, too
// long is RETURNCODE_ESIZE, a negative length RETURNCODE_EINVAL.
#include <libtock/kernel/ipc.h>

#include "check.h"

static const char ro_data[64] = "read-only data";
static char buf[64];

int
main(void)
{
    size_t svc = 0;
    const char *volatile ro = ro_data;

    CHECK_EQ("tcli: discover", ipc_discover("perm.svc", &svc), RETURNCODE_SUCCESS);
    CHECK_EQ("tcli: share .rodata EINVAL", ipc_share(svc, (void *)ro, 16), RETURNCODE_EINVAL);
    CHECK_EQ("tcli: share code EINVAL", ipc_share(svc, (void *)main, 16), RETURNCODE_EINVAL);
    CHECK_EQ("tcli: share 4097 bytes ESIZE", ipc_share(svc, buf, 4097), RETURNCODE_ESIZE);
    CHECK_EQ("tcli: share -1 bytes EINVAL", ipc_share(svc, buf, -1), RETURNCODE_EINVAL);
    CHECK_EQ("tcli: share its own buffer", ipc_share(svc, buf, sizeof buf), RETURNCODE_SUCCESS);
    return 0;
}
