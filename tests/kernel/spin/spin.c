// Runs for ever in U-mode, so that tests/kernel/run.sh can stop QEMU and
// read the address space while the kernel has booted every PD.
#include <moat.h>

void
init(void)
{
    moat_dbg_puts("spin: running\n");
    for (;;)
        ;
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
