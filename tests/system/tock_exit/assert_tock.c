// SPDX-License-Identifier: BSD-2-Clause
//
// A failed assert prints its message and ends the program.
#include <assert.h>
#include <stdio.h>

static volatile int one = 1;

int
main(void)
{
    printf("assert: asserting\n");
    assert(one == 2);
    printf("assert: FAIL still running\n");
    return 0;
}
