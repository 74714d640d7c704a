// SPDX-License-Identifier: BSD-2-Clause
//
// Multiplies two doubles the compiler cannot fold, and prints the product.
#include "check.h"

static volatile double a = 1.5, b = 4.0;

void
init(void)
{
    double p = a * b;

    moat_dbg_puts(microkit_name);
    moat_dbg_puts(": product ");
    put_dec((long)p);
    moat_dbg_puts("\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
