#include <moat.h>

// Recurses `depth` times with a 256-byte frame; the depth is far beyond 4 KiB.
static int
recurse(volatile int *p, int depth)
{
    volatile int frame[64];

    frame[0] = *p + 1;
    if (depth == 0)
        return frame[0];
    return recurse(frame, depth - 1) + frame[1];
}

void
init(void)
{
    volatile int start = 0;

    moat_dbg_puts("deep: recursing\n");
    recurse(&start, 1000);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
