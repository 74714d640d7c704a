#include <moat.h>

static int data_count = 100; // .data
static int bss_count;        // .bss

void
init(void)
{
    moat_dbg_puts("crasher: data ");
    moat_dbg_put32(data_count);
    moat_dbg_puts(" bss ");
    moat_dbg_put32(bss_count);
    moat_dbg_puts("\n");
    data_count++;
    bss_count++;
    *(volatile int *)0 = 1; // crash
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
