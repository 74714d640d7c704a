// SPDX-License-Identifier: BSD-2-Clause
//
// abort ends the program.
#include <stdio.h>
#include <stdlib.h>

int
main(void)
{
    printf("abort: aborting\n");
    abort();
}
