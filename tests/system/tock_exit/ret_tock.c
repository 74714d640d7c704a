// SPDX-License-Identifier: BSD-2-Clause
//
// Returning from main with no upcall that could ever run ends the program.
#include <stdio.h>

int
main(void)
{
    printf("ret: returning\n");
    return 3;
}
