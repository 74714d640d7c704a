// Writes a `ret` into a mapping without x and jumps to it.
#include "check.h"

uintptr_t data_vaddr;

void
init(void)
{
    volatile uint32_t *code = (volatile uint32_t *)(data_vaddr + 0x100);

    *code = 0x00008067; // ret
    moat_dbg_puts("jumper: jumping into a mapping without x\n");
    ((void (*)(void))(data_vaddr + 0x100))();
    moat_dbg_puts("jumper: FAIL: executed it\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
