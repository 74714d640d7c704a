// boss's child on core 3. First incarnation: a fault. After boss's reset:
// tell boss, then spin (boss stops, resumes and resets it meanwhile). After
// that reset: tell boss how many init()s its .bss remembers (1: reset).
#include "shared.h"

uintptr_t shared;
static long boots; // .bss: a reset clears it

void
init(void)
{
    long n = ++SH->kid_incarnation;

    SH->kid_boots = ++boots;
    if (n == 1)
        *(volatile seL4_Word *)0x1000 = 1; // a VM fault, for boss
    microkit_notify(7);
    if (n == 2) {
        for (;;)
            SH->spin++;
    }
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
