// SPDX-License-Identifier: BSD-2-Clause
//
// The IPC timeline's ring and its console dump (see trace.h).
#include "trace.h"

#ifdef MOAT_TRACE

#include "arch.h"
#include "pd.h"

static struct trace_event ring[TRACE_EVENTS];
static uint64_t count;             // events recorded: the next one goes to ring[count % size]
static const struct pd *last;      // where the last TRACE_SWITCH went (NULL: idle)
static bool switched;              // there was one

static uint8_t
index_of(const struct pd *pd)
{
    return pd ? pd->index : TRACE_NO_PD;
}

void
trace_record(unsigned kind, const struct pd *pd, const struct pd *peer, word_t arg)
{
    struct trace_event *e = &ring[count++ & (TRACE_EVENTS - 1)];

    e->time = arch_instret();
    e->kind = (uint8_t)kind;
    e->pd = index_of(pd);
    e->peer = index_of(peer);
    e->pad = 0;
    e->arg = (uint32_t)arg;
}

void
trace_switch(const struct pd *next)
{
    if (switched && next == last)
        return;
    trace_record(TRACE_SWITCH, next, last, 0);
    last = next;
    switched = true;
}

uint64_t
trace_count(void)
{
    return count;
}

const struct trace_event *
trace_get(unsigned i)
{
    uint64_t held = count < TRACE_EVENTS ? count : TRACE_EVENTS;

    ASSERT(i < held);
    return &ring[(count - held + i) & (TRACE_EVENTS - 1)];
}

void
trace_reset(void)
{
    count = 0;
    last = NULL;
    switched = false;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The base64 of n bytes (a multiple of 16, at most 48) into out (65 bytes).
static void
encode(const uint8_t *in, unsigned n, char *out)
{
    unsigned o = 0;

    for (unsigned i = 0; i < n; i += 3) {
        unsigned left = n - i;
        uint32_t v = (uint32_t)in[i] << 16 | (left > 1 ? (uint32_t)in[i + 1] << 8 : 0) |
                     (left > 2 ? in[i + 2] : 0);
        out[o++] = b64[v >> 18 & 63];
        out[o++] = b64[v >> 12 & 63];
        out[o++] = left > 1 ? b64[v >> 6 & 63] : '=';
        out[o++] = left > 2 ? b64[v & 63] : '=';
    }
    out[o] = '\0';
}

void
trace_dump(void)
{
    uint64_t held = count < TRACE_EVENTS ? count : TRACE_EVENTS;
    uint8_t line[48];
    char text[65];
    unsigned n = 0;

    kprintf("moat: trace %lu events, %lu lost, %u pds\n", held, count - held, npds);
    for (unsigned i = 0; i < npds; i++)
        kprintf("moat: trace pd %u %s\n", i, pds[i].name);
    kprintf("moat: trace begin\n");
    for (unsigned i = 0; i < held; i++) {
        const uint8_t *e = (const uint8_t *)trace_get(i); // little-endian, as documented
        for (unsigned b = 0; b < sizeof(struct trace_event); b++)
            line[n++] = e[b];
        if (n == sizeof line || i + 1 == held) {
            encode(line, n, text);
            kprintf("moat: trace data %s\n", text);
            n = 0;
        }
    }
    kprintf("moat: trace end\n");
}

#endif
