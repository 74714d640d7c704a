// SPDX-License-Identifier: BSD-2-Clause
//
// The IPC timeline's rings, one a core, and their console dump (see trace.h
// and, for the text, include/moat/trace.h).
#include "trace.h"

#ifdef MOAT_TRACE

#include "arch.h"
#include "lock.h"

#if MOAT_NCPUS > 1
struct trace_ring trace_rings[MOAT_NCPUS];
#else
struct trace_event trace_ev[TRACE_EVENTS];
uint64_t trace_next;
uint8_t trace_last = TRACE_NO_PD;
#endif

uint64_t
trace_count(void)
{
    return TRACE_NEXT(trace_here());
}

const struct trace_event *
trace_get(unsigned i)
{
    struct trace_ring *t = trace_here();
    uint64_t held = TRACE_NEXT(t) < TRACE_EVENTS ? TRACE_NEXT(t) : TRACE_EVENTS;

    (void)t;
    ASSERT(i < held);
    return &TRACE_EV(t)[(TRACE_NEXT(t) - held + i) & (TRACE_EVENTS - 1)];
}

void
trace_reset(void)
{
    for (unsigned n = 0; n < MOAT_NCPUS; n++)
        trace_init(&cpus[n], n);
}

// The events of ring t to print: ev[i % TRACE_EVENTS] for i in [*first, *end).
#if MOAT_NCPUS > 1
// One event, each field read before what the dump reads next (acquire).
static struct trace_event
load_event(const struct trace_event *e)
{
    return (struct trace_event){
        .time = __atomic_load_n(&e->time, __ATOMIC_ACQUIRE),
        .kind = __atomic_load_n(&e->kind, __ATOMIC_ACQUIRE),
        .pd = __atomic_load_n(&e->pd, __ATOMIC_ACQUIRE),
        .peer = __atomic_load_n(&e->peer, __ATOMIC_ACQUIRE),
        .cpu = __atomic_load_n(&e->cpu, __ATOMIC_ACQUIRE),
        .arg = __atomic_load_n(&e->arg, __ATOMIC_ACQUIRE),
    };
}

// Another core may be recording into t as it is read, so it is copied, and
// of the events published (done) before the copy, those whose slot no newer
// event claimed (next) by the copy's end are kept: one claimed is being or
// has been rewritten. The atomics pair with trace_begin's and trace_end's.
// Callers hold the console lock, which guards the copy.
static const struct trace_event *
ring_view(const struct trace_ring *t, uint64_t *first, uint64_t *end)
{
    static struct trace_event copy[TRACE_EVENTS];
    uint64_t done = __atomic_load_n(&t->done, __ATOMIC_ACQUIRE);
    uint64_t from = done < TRACE_EVENTS ? 0 : done - TRACE_EVENTS;

    for (uint64_t i = from; i < done; i++)
        copy[i & (TRACE_EVENTS - 1)] = load_event(&t->ev[i & (TRACE_EVENTS - 1)]);
    uint64_t next = __atomic_load_n(&t->next, __ATOMIC_RELAXED);
    if (next > TRACE_EVENTS && next - TRACE_EVENTS > from)
        from = next - TRACE_EVENTS < done ? next - TRACE_EVENTS : done;
    *first = from;
    *end = done;
    return copy;
}
#else
// One core: nothing is recorded while it prints.
static const struct trace_event *
ring_view(struct trace_ring *t, uint64_t *first, uint64_t *end)
{
    (void)t;
    *end = TRACE_NEXT(t);
    *first = *end < TRACE_EVENTS ? 0 : *end - TRACE_EVENTS;
    return TRACE_EV(t);
}
#endif

// One core's ring: its line, then its events, TRACE_LINE_EVENTS a line.
static void
dump_ring(unsigned n)
{
    static const char hex[] = "0123456789abcdef";
    char line[TRACE_LINE_EVENTS * sizeof(struct trace_event) * 2 + 1];
    unsigned len = 0;
    uint64_t first, end;
    const struct trace_event *ev = ring_view(TRACE_RING(n), &first, &end);

    kprintf("moat: trace cpu %u: %lu events, %lu lost\n", n, end - first, first);
    for (uint64_t i = first; i < end; i++) {
        const uint8_t *e = (const uint8_t *)&ev[i & (TRACE_EVENTS - 1)];
        for (unsigned b = 0; b < sizeof(struct trace_event); b++) {
            line[len++] = hex[e[b] >> 4];
            line[len++] = hex[e[b] & 15];
        }
        if (len == sizeof line - 1 || i + 1 == end) {
            line[len] = '\0';
            kprintf("moat: trace data %s\n", line);
            len = 0;
        }
    }
}

void
trace_dump(void)
{
    bool locked = console_lock(); // one dump at a time, its lines together

    kprintf("moat: trace v%u: %u pds, %u cpus\n", TRACE_VERSION, npds, ncpus);
    for (unsigned i = 0; i < npds; i++)
        kprintf("moat: trace pd %u cpu %u %s\n", i, pds[i].cpu, pds[i].name);
    kprintf("moat: trace begin\n");
    for (unsigned n = 0; n < ncpus; n++)
        dump_ring(n);
    kprintf("moat: trace end\n");
    console_unlock(locked);
}

#endif
