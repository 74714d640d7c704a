// SPDX-License-Identifier: BSD-2-Clause
//
// The client: when the server says it is ready, call it twice and check
// both answers.
#include <microkit.h>

#include "protocol.h"

#define SERVER 13 // the client's name for its channel to the server

static const char text[] = "a string that needs more than four message registers";
#define TEXT_WORDS ((sizeof(text) + 7) / 8)

static int failures;

static void
fail(const char *why)
{
    microkit_dbg_puts("client: TEST_FAIL: ");
    microkit_dbg_puts(why);
    microkit_dbg_puts("\n");
    failures++;
}

static void
call_sum(void)
{
    seL4_Word want = 0, want_sq = 0;

    for (seL4_Word i = 0; i < 4; i++) {
        seL4_Word v = 1000 * (i + 1) + 7;
        microkit_mr_set(i, v);
        want += v;
        want_sq += v * v;
    }
    microkit_msginfo reply = microkit_ppcall(SERVER, microkit_msginfo_new(LABEL_SUM, 4));
    if (microkit_msginfo_get_label(reply) != LABEL_SUM || microkit_msginfo_get_count(reply) != 2)
        fail("sum: wrong reply label or count");
    else if (microkit_mr_get(0) != want || microkit_mr_get(1) != want_sq)
        fail("sum: wrong answer");
}

static void
call_upper(void)
{
    seL4_Word words[TEXT_WORDS] = {0};

    for (unsigned i = 0; i < sizeof(text); i++)
        words[i / 8] |= (seL4_Word)(unsigned char)text[i] << (8 * (i % 8));
    for (unsigned i = 0; i < TEXT_WORDS; i++)
        microkit_mr_set(i, words[i]);
    microkit_msginfo reply = microkit_ppcall(SERVER, microkit_msginfo_new(LABEL_UPPER, TEXT_WORDS));
    if (microkit_msginfo_get_label(reply) != LABEL_UPPER ||
        microkit_msginfo_get_count(reply) != TEXT_WORDS) {
        fail("upper: wrong reply label or count");
        return;
    }
    char got[sizeof(words)];
    for (unsigned i = 0; i < sizeof(got); i++)
        got[i] = (char)(microkit_mr_get(i / 8) >> (8 * (i % 8)));
    for (unsigned i = 0; i < sizeof(text); i++) {
        char want = text[i] >= 'a' && text[i] <= 'z' ? text[i] - 'a' + 'A' : text[i];
        if (got[i] != want) {
            fail("upper: wrong answer");
            return;
        }
    }
    microkit_dbg_puts("client: got \"");
    microkit_dbg_puts(got);
    microkit_dbg_puts("\"\n");
}

void
init(void)
{
    microkit_dbg_puts("client: initializing\n");
}

void
notified(microkit_channel ch)
{
    microkit_dbg_puts("client: notified by ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts("\n");
    if (ch != SERVER) {
        fail("notified on an unexpected channel");
        return;
    }
    call_sum();
    call_upper();
    if (!failures)
        microkit_dbg_puts("client: TEST_PASS\n");
}
