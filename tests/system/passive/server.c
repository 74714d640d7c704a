// Counts calls and answers with (channel, count).
#include <moat.h>

static seL4_Word count;

void
init(void)
{
    moat_dbg_puts("server: init\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)msginfo;
    microkit_mr_set(0, ch);
    microkit_mr_set(1, ++count);
    return microkit_msginfo_new(0, 2);
}
