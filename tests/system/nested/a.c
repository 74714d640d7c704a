#include "check.h"

void
init(void)
{
    microkit_mr_set(0, 5);
    microkit_msginfo r = microkit_ppcall(0, microkit_msginfo_new(1, 1));
    CHECK_EQ("a: label from b", microkit_msginfo_get_label(r), 2);
    CHECK_EQ("a: value through b and c", microkit_mr_get(0), (5 + 10) * 2);
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
