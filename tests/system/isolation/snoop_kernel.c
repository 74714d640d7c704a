// Reads the kernel's first page: mapped in every address space, but never
// for U-mode.
#include <moat.h>

void
init(void)
{
    moat_dbg_puts("snoop_kernel: reading 0xffffffc080200000\n");
    (void)*(volatile seL4_Word *)0xffffffc080200000UL;
    moat_dbg_puts("snoop_kernel: FAIL: read kernel memory\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
