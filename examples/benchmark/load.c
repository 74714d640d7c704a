/* bench's child: when bench notifies it, spins through a fixed amount of
 * work (on its budget of a quarter of the CPU), then tells bench it is done. */
#include <microkit.h>

#define BENCH 1
#define WORK  5000000

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    if (ch != BENCH)
        return;
    for (volatile unsigned long i = 0; i < WORK; i++) {
    }
    microkit_notify(BENCH);
}
