// Faults the way its name says.
#include <moat.h>

static int
recurse(volatile int *p, int depth)
{
    volatile int frame[64];

    frame[0] = *p + 1;
    if (depth == 0)
        return frame[0];
    return recurse(frame, depth - 1) + frame[1];
}

void
init(void)
{
    volatile int start = 0;
    static volatile uint32_t word[2];

    switch (microkit_name[0]) {
    case 'l':
        (void)*(volatile seL4_Word *)0x1000;
        break;
    case 's':
        *(volatile seL4_Word *)0x1000 = 1;
        break;
    case 'f':
        ((void (*)(void))0x1000)();
        break;
    case 'i':
        __asm__ volatile(".word 0");
        break;
    case 'm':
        // An atomic at an odd address: QEMU and OpenSBI report it as a
        // misaligned load (plain loads and stores are emulated instead).
        __asm__ volatile("amoadd.w zero, %1, (%0)" ::"r"((char *)word + 1), "r"(1) : "memory");
        break;
    case 'o':
        recurse(&start, 1000);
        break;
    }
    moat_dbg_puts(microkit_name);
    moat_dbg_puts(": FAIL: no fault\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
