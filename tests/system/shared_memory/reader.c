#include "check.h"

uintptr_t shared_vaddr, big_vaddr, data_vaddr;

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    volatile seL4_Word *s = (volatile seL4_Word *)shared_vaddr;
    volatile seL4_Word *b = (volatile seL4_Word *)big_vaddr;
    const char *d = (const char *)data_vaddr;
    int same = 1;

    (void)ch;
    CHECK_EQ("reader: setvar_vaddr of shared", shared_vaddr, 0x5000000);
    CHECK_EQ("reader: setvar_vaddr of big", big_vaddr, 0x20000000);
    for (unsigned i = 0; i < 0x2000 / 8; i++)
        same &= s[i] == 0x1111000000000000UL + i;
    CHECK_EQ("reader: sees every word the writer wrote", same, 1);
    CHECK_EQ("reader: 2 MiB region first word", b[0], 0xb16);
    CHECK_EQ("reader: 2 MiB region last word", b[0x200000 / 8 - 1], 0xe4d);
    CHECK_EQ("reader: prefilled text", d[0] == 'p' && d[10] == 'b' && d[26] == '\n', 1);
    CHECK_EQ("reader: zero after the prefill", d[27] | d[4095], 0);
    moat_dbg_puts("reader: writing to a read-only mapping\n");
    s[0] = 0;
    moat_dbg_puts("reader: FAIL: the write went through\n");
}
