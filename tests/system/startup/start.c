#include "check.h"

static int constructed;
static int data_word = 1234; // .data: each PD has its own copy

__attribute__((constructor)) static void
ctor(void)
{
    constructed++;
}

void
init(void)
{
    volatile char probe;
    seL4_Word sp = (seL4_Word)&probe;

    CHECK_EQ("constructor ran once before init", constructed, 1);
    CHECK_EQ("own copy of .data", data_word, 1234);
    data_word = 99;
    CHECK_EQ("stack below 0x3fffffd000", sp < 0x3fffffd000UL && sp > 0x3fffffd000UL - 0x2000, 1);
    if (microkit_name[0] == 'f') {
        CHECK_EQ("64-char name not terminated", microkit_name[63], '_');
        CHECK_EQ("notifications mask", microkit_notifications, 1UL << 7);
        CHECK_EQ("pps mask", microkit_pps, 0);
    } else {
        CHECK_EQ("second: notifications mask", microkit_notifications, 0);
        CHECK_EQ("second: name", microkit_name[6], 0);
        check_done();
    }
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
