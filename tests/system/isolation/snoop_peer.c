// Reads physical RAM where the other PDs' frames live, at its own virtual
// address of the same number: nothing is mapped there for this PD.
#include <moat.h>

void
init(void)
{
    moat_dbg_puts("snoop_peer: reading 0x80300000\n");
    (void)*(volatile seL4_Word *)0x80300000UL;
    moat_dbg_puts("snoop_peer: FAIL: read another PD's memory\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
