// SPDX-License-Identifier: BSD-2-Clause
//
// The C library's exit runs the atexit handlers, then ends the program.
#include <stdio.h>
#include <stdlib.h>

static void
bye(void)
{
    printf("exitfn: atexit handler\n");
}

int
main(void)
{
    atexit(bye);
    exit(7);
}
