// Replies with label ^ 0x5a5a, the same count, and mr[i] = 3 * mr[i] + i.
#include <moat.h>

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    seL4_Word n = microkit_msginfo_get_count(msginfo);

    if (ch != 2)
        return microkit_msginfo_new(0xbad, 0);
    if (microkit_msginfo_get_label(msginfo) == 0x777) {
        // Waiting while a call is unanswered is refused, and changes nothing.
        struct moat_event ev = {0};
        microkit_mr_set(0, (seL4_Word)moat_sys_recv(SYS_RECV, ACTION_NONE, &ev));
        return microkit_msginfo_new(0x777, 1);
    }
    if (microkit_msginfo_get_label(msginfo) == 0x778)
        return microkit_msginfo_new(0x778, 127); // the library cuts it to 120
    for (seL4_Word i = 0; i < n; i++)
        microkit_mr_set(i, 3 * microkit_mr_get(i) + i);
    return microkit_msginfo_new(microkit_msginfo_get_label(msginfo) ^ 0x5a5a, n);
}
