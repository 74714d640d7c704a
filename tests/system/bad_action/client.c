#include "check.h"

#include <limits.h>

static int
same(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

void
init(void)
{
    for (unsigned i = 0; i < 3; i++) {
        microkit_mr_set(0, 100 + i);
        microkit_msginfo r = microkit_ppcall(1, microkit_msginfo_new(7, 1));
        CHECK_EQ("reply label", microkit_msginfo_get_label(r), 8);
        CHECK_EQ("reply mr0", microkit_mr_get(0), 101 + i);
    }
    // moat_strerror takes any long: LONG_MIN once indexed far outside its table.
    CHECK_EQ("strerror LONG_MIN", same(moat_strerror(LONG_MIN), "E_?"), 1);
    CHECK_EQ("strerror E_STALE", same(moat_strerror(E_STALE), "E_STALE"), 1);
    CHECK_EQ("strerror 1", same(moat_strerror(1), "E_?"), 1);
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
