// Keeps a running sum in FP registers across many time slices. The two PDs
// use different step values; if the kernel ever let one see the other's FP
// registers, the sums would not come out exact.
#include "check.h"

void
init(void)
{
    double step = microkit_name[2] == '1' ? 0.5 : 0.25;
    register double sum = 0.0;

    for (long i = 0; i < 4 * 1000 * 1000; i++) {
        sum += step;
        __asm__ volatile("" : "+f"(sum)); // keep it in an FP register
    }
    long want = (long)(4 * 1000 * 1000 * step);
    moat_dbg_puts(microkit_name);
    moat_dbg_puts((long)sum == want ? ": sum ok\n" : ": sum WRONG\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
