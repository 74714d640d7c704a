// Executes an all-zero instruction word, which RISC-V defines as illegal.
#include <microkit.h>

void
init(void)
{
    microkit_dbg_puts("bad_insn: executing an illegal instruction\n");
    __asm__ volatile(".word 0");
    microkit_dbg_puts("bad_insn: FAIL: survived\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
