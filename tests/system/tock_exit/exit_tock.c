// SPDX-License-Identifier: BSD-2-Clause
//
// tock_exit ends the program at once: nothing after it runs.
#include <stdio.h>

#include <libtock/tock.h>

int
main(void)
{
    printf("exit: exiting\n");
    tock_exit(5);
    printf("exit: FAIL still running\n");
    return 0;
}
