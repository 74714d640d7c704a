// Stores through a pointer that maps nothing, in a function of its own
// (noipa: not inlined, so that the pc is in it and ra in init).
#include "check.h"

// Where no page is mapped; volatile, so that the compiler cannot see it.
static volatile int *volatile bad = (volatile int *)0x10;

static __attribute__((noipa)) void
poke(volatile int *p, int v)
{
    *p = v; // the faulting line: fault_report/expect.txt names it
}

void
init(void)
{
    moat_dbg_puts("crasher: poking\n");
    poke(bad, 42); // the line ra names
    moat_dbg_puts("FAIL crasher: the store went through\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
