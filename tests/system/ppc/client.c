#include "check.h"

// One call with n message registers and `label`; checks every word of the reply.
static int
roundtrip(seL4_Word label, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        microkit_mr_set(i, 0x1000 * (i + 1) + n);
    microkit_msginfo r = microkit_ppcall(1, microkit_msginfo_new(label, n));
    if (microkit_msginfo_get_label(r) != (label ^ 0x5a5a) || microkit_msginfo_get_count(r) != n)
        return -1;
    for (unsigned i = 0; i < n; i++) {
        if (microkit_mr_get(i) != 3 * (0x1000 * (i + 1) + n) + i)
            return (int)i + 1000;
    }
    return 0;
}

void
init(void)
{
    microkit_msginfo tag;

    CHECK_EQ("call 0 mr", roundtrip(7, 0), 0);
    CHECK_EQ("call 4 mr", roundtrip(7, 4), 0);
    CHECK_EQ("call 10 mr", roundtrip(7, 10), 0);
    CHECK_EQ("call 120 mr", roundtrip(7, 120), 0);
    CHECK_EQ("call full-width label", roundtrip(0xfedcba9876543UL, 3), 0);

    tag = seL4_MessageInfo_new(1, 0, 0, 121);
    CHECK_EQ("121 mr is E_RANGE", moat_ppcall(1, &tag), E_RANGE);
    tag = seL4_MessageInfo_new(1, 0, 1, 0);
    CHECK_EQ("extra caps is E_INVAL", moat_ppcall(1, &tag), E_INVAL);
    tag = microkit_msginfo_new(1, 0);
    CHECK_EQ("call without pp is E_PERM", moat_ppcall(4, &tag), E_PERM);
    CHECK_EQ("call on unused id is E_NOENT", moat_ppcall(9, &tag), E_NOENT);
    CHECK_EQ("call on id 62 is E_RANGE", moat_ppcall(62, &tag), E_RANGE);
    CHECK_EQ("notify without notify right is E_PERM", moat_notify(6), E_PERM);
    CHECK_EQ("notify with right", moat_notify(4), E_OK);
    // A refused call leaves the message registers alone.
    microkit_mr_set(0, 42);
    tag = microkit_msginfo_new(1, 0);
    moat_ppcall(4, &tag);
    CHECK_EQ("mr0 unchanged by refused call", microkit_mr_get(0), 42);
    tag = microkit_ppcall(1, microkit_msginfo_new(0x777, 0));
    CHECK_EQ("server's recv while serving is E_STATE", (long)microkit_mr_get(0), E_STATE);
    tag = microkit_ppcall(1, microkit_msginfo_new(0x778, 0));
    CHECK_EQ("reply count 127 cut to 120", microkit_msginfo_get_count(tag), 120);
    // Microkit's library check: no pp on channel 4, so a message and no call.
    microkit_ppcall(4, microkit_msginfo_new(0, 0));
    CHECK_EQ("still answered after errors", roundtrip(1, 2), 0);
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
