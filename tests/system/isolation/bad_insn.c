// Executes an all-zero instruction word, which RISC-V defines as illegal.
#include <moat.h>

void
init(void)
{
    moat_dbg_puts("bad_insn: executing an illegal instruction\n");
    __asm__ volatile(".word 0");
    moat_dbg_puts("bad_insn: FAIL: survived\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
