// SPDX-License-Identifier: BSD-2-Clause
//
// Calls the worker REQUESTS times and tallies the outcome of each call:
// answered (the right square) or failed with moat's documented error label.
#include <moat.h>

#define WORKER   0
#define REQUESTS 20

void
init(void)
{
    unsigned answered = 0, failed = 0, wrong = 0;

    for (seL4_Word n = 0; n < REQUESTS; n++) {
        microkit_mr_set(0, n);
        microkit_msginfo r = microkit_ppcall(WORKER, microkit_msginfo_new(0, 1));
        if (microkit_msginfo_get_label(r) == MOAT_PPC_ERROR_LABEL &&
            (long)microkit_mr_get(0) == E_DEAD)
            failed++;
        else if (microkit_mr_get(0) == n * n)
            answered++;
        else
            wrong++;
    }
    microkit_dbg_puts("client: ");
    microkit_dbg_put32(REQUESTS);
    microkit_dbg_puts(" requests: ");
    microkit_dbg_put32(answered);
    microkit_dbg_puts(" answered, ");
    microkit_dbg_put32(failed);
    microkit_dbg_puts(" failed with E_DEAD, ");
    microkit_dbg_put32(wrong);
    microkit_dbg_puts(" wrong, none hung\n");
    microkit_dbg_puts(answered + failed == REQUESTS && !wrong ? "client: PASS\n"
                                                              : "client: FAIL\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
