#include "check.h"

uintptr_t shared; // setvar_vaddr: [0] arrivals, [1] done

static void
add(volatile unsigned long *w)
{
    __atomic_add_fetch(w, 1, __ATOMIC_SEQ_CST);
}

void
init(void)
{
    volatile unsigned long *w = (volatile unsigned long *)shared;

    add(&w[0]);
    while (__atomic_load_n(&w[0], __ATOMIC_SEQ_CST) < 4)
        ; // the others arrive only if they run at the same time
    moat_dbg_puts(microkit_name);
    moat_dbg_puts(": past the barrier\n");
    if (microkit_name[1] == '2') { // p2 calls its own core's server meanwhile
        microkit_msginfo r = microkit_ppcall(1, microkit_msginfo_new(41, 0));
        CHECK_EQ("p2's call on core 2", microkit_msginfo_get_label(r), 42);
    }
    add(&w[1]);
    if (microkit_name[1] == '0') {
        while (__atomic_load_n(&w[1], __ATOMIC_SEQ_CST) < 4)
            ;
        check_done();
    }
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
