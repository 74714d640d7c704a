// SPDX-License-Identifier: BSD-2-Clause
//
// The IPC timeline's ring and its console dump (see trace.h and, for the
// text, include/moat/trace.h).
#include "trace.h"

#ifdef MOAT_TRACE

#include "arch.h"

struct trace_event trace_ring[TRACE_EVENTS];
uint64_t trace_next;
uint8_t trace_last = TRACE_NO_PD;

uint64_t
trace_count(void)
{
    return trace_next;
}

const struct trace_event *
trace_get(unsigned i)
{
    uint64_t held = trace_next < TRACE_EVENTS ? trace_next : TRACE_EVENTS;

    ASSERT(i < held);
    return &trace_ring[(trace_next - held + i) & (TRACE_EVENTS - 1)];
}

void
trace_reset(void)
{
    trace_next = 0;
    trace_last = TRACE_NO_PD;
}

void
trace_dump(void)
{
    static const char hex[] = "0123456789abcdef";
    uint64_t held = trace_next < TRACE_EVENTS ? trace_next : TRACE_EVENTS;
    uint64_t first = trace_next - held;
    char line[TRACE_LINE_EVENTS * sizeof(struct trace_event) * 2 + 1];
    unsigned n = 0;

    kprintf("moat: trace v%u: %lu events, %lu lost, %u pds\n", TRACE_VERSION, held, first, npds);
    for (unsigned i = 0; i < npds; i++)
        kprintf("moat: trace pd %u %s\n", i, pds[i].name);
    kprintf("moat: trace begin\n");
    // Read in place: no event is recorded while the kernel prints.
    for (uint64_t i = 0; i < held; i++) {
        const uint8_t *e = (const uint8_t *)&trace_ring[(first + i) & (TRACE_EVENTS - 1)];
        for (unsigned b = 0; b < sizeof(struct trace_event); b++) {
            line[n++] = hex[e[b] >> 4];
            line[n++] = hex[e[b] & 15];
        }
        if (n == sizeof line - 1 || i + 1 == held) {
            line[n] = '\0';
            kprintf("moat: trace data %s\n", line);
            n = 0;
        }
    }
    kprintf("moat: trace end\n");
}

#endif
