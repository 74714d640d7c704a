#include "check.h"

uintptr_t shared_vaddr, big_vaddr;

void
init(void)
{
    volatile seL4_Word *s = (volatile seL4_Word *)shared_vaddr;
    volatile seL4_Word *b = (volatile seL4_Word *)big_vaddr;

    CHECK_EQ("writer: setvar_vaddr of shared", shared_vaddr, 0x4000000);
    for (unsigned i = 0; i < 0x2000 / 8; i++)
        s[i] = 0x1111000000000000UL + i;
    b[0] = 0xb16;
    b[0x200000 / 8 - 1] = 0xe4d; // the last word of the 2 MiB page
    microkit_notify(1);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
