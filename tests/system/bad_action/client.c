#include "check.h"

void
init(void)
{
    for (unsigned i = 0; i < 3; i++) {
        microkit_mr_set(0, 100 + i);
        microkit_msginfo r = microkit_ppcall(1, microkit_msginfo_new(7, 1));
        CHECK_EQ("reply label", microkit_msginfo_get_label(r), 8);
        CHECK_EQ("reply mr0", microkit_mr_get(0), 101 + i);
    }
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
