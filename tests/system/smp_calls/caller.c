// c0 and c3: ROUNDS calls each, c0 alternating between s1 and p2, c3 to p2
// only; then c0 makes s1 fault in a call. Each tells boss when done.
#include "shared.h"

uintptr_t shared;

static int
call(microkit_channel ch, seL4_Word label)
{
    microkit_msginfo m = microkit_msginfo_new(label, 0);

    return moat_ppcall(ch, &m) == E_OK && microkit_msginfo_get_label(m) == label + 1;
}

void
init(void)
{
    bool zero = microkit_name[1] == '0';

    for (seL4_Word i = 0; i < ROUNDS; i++) {
        if (zero) {
            SH->s1_ok += call(1, i);
            SH->p2_ok0 += call(2, i);
        } else {
            SH->p2_ok3 += call(2, i);
        }
    }
    if (zero) {
        microkit_msginfo m = microkit_msginfo_new(666, 0);
        SH->dead = moat_ppcall(1, &m);
    }
    microkit_notify(zero ? 5 : 6);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
