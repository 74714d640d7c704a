// SPDX-License-Identifier: BSD-2-Clause
//
// A failed TOCK_EXPECT says where and what, then exits with 1.
#include <libtock/tock.h>

int
main(void)
{
    TOCK_EXPECT(RETURNCODE_SUCCESS, tock_command_return_novalue_to_returncode(command(7, 0, 0, 0)));
    return 0;
}
