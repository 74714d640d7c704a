// SPDX-License-Identifier: BSD-2-Clause
//
// Per-PD CPU utilisation, as seL4's track_utilisation counts it. A PD's
// utilisation is the cycles from the kernel entry that switched to it to
// the kernel entry that switched away from it: its user time and the
// kernel's time on its behalf. Its kernel figures are the time from each
// kernel entry to the return to it, and the number of such returns. The
// idle loop is counted as a PD of its own; the total is the time from
// ResetLog to FinalizeLog. Only the benchmark kernel is built with it.
#include "bench.h"

#include "pd.h"

#ifdef MOAT_BENCHMARK

#include "arch.h"
#include "cpu.h"

struct bench_stat {
    uint64_t util, schedules, kernel, entries;
};

// A PD's figures are written only by its own core; everything else is the
// core's own (an SMP kernel keeps a log per core: design.md, "Benchmark
// accounting").
static struct bench_stat stat[MOAT_MAX_PDS];
static struct bench_core {
    struct bench_stat idle;
    const struct pd *running; // the PD the kernel last left for (NULL: idle)
    uint64_t since;           // the entry that switched to it
    bool on;                  // between ResetLog and FinalizeLog
    uint64_t start, end, schedules, kernel, entries; // totals
} cores[MOAT_NCPUS];

#define me (&cores[MOAT_NCPUS == 1 ? 0 : this_cpu()->index])

static struct bench_stat *
stat_of(struct bench_core *c, const struct pd *pd)
{
    return pd ? &stat[pd->index] : &c->idle;
}

void
bench_exit(const struct pd *next, uint64_t now)
{
    struct bench_core *c = me;

    if (c->on) {
        struct bench_stat *s = stat_of(c, next);
        s->kernel += now - bench_entered;
        s->entries++;
        c->kernel += now - bench_entered;
        c->entries++;
        if (next != c->running) {
            stat_of(c, c->running)->util += bench_entered - c->since;
            c->since = bench_entered;
            s->schedules++;
            c->schedules++;
        }
    }
    c->running = next;
}

// The core's log starts, or ends, at `now`.
static void
log_start(struct bench_core *c, uint64_t now)
{
    c->idle = (struct bench_stat){0};
    c->since = c->start = now;
    c->kernel = c->entries = c->schedules = 0;
    c->on = true;
}

static void
log_end(struct bench_core *c, uint64_t now)
{
    if (!c->on)
        return;
    stat_of(c, c->running)->util += now - c->since;
    c->since = c->end = now;
    c->on = false;
}

#if MOAT_NCPUS > 1
// SMP: ResetLog and FinalizeLog start and end every core's log. The caller's
// core does its own at once and asks the others (bench_take).
#define REQ_START 1
#define REQ_END   2
static int requests[MOAT_NCPUS];

// Ask every other core: each starts or ends its log at the interrupt, a
// few microseconds later (the figures of another core's PDs are final
// once it has: design.md, "Benchmark accounting"). Not waited for: under
// QEMU's -icount a core spinning in the kernel holds the other harts'
// turns for a hundred million instructions at a time.
static void
ask_others(int req)
{
    unsigned self = this_cpu()->index;

    for (unsigned i = 0; i < ncpus; i++) {
        if (i == self)
            continue;
        __atomic_store_n(&requests[i], req, __ATOMIC_SEQ_CST);
        arch_cpu_kick(i);
    }
}

void
bench_take(void)
{
    int req = __atomic_exchange_n(&requests[this_cpu()->index], 0, __ATOMIC_SEQ_CST);

    if (req == REQ_START)
        log_start(me, bench_entered);
    else if (req == REQ_END)
        log_end(me, bench_entered);
}
#else
#define ask_others(req) ((void)0)
#endif

void
bench_reset_log(const struct pd *pd)
{
    struct bench_core *c = me;

    log_start(c, bench_entered);
    stat[pd->index].schedules++;
    c->running = pd;
    c->schedules = 1;
    ask_others(REQ_START);
}

void
bench_finalize_log(void)
{
    log_end(me, bench_entered);
    ask_others(REQ_END);
}

void
bench_reset_pd(const struct pd *pd)
{
    struct bench_core *c = me;

    stat[pd->index] = (struct bench_stat){0};
    if (pd == c->running)
        c->since = bench_entered; // its stretch so far is not counted either
}

void
bench_get(const struct pd *pd, word_t out[BENCH_NWORDS])
{
    // As seL4's: the idle loop's and the totals of the caller's core, but
    // for the idle time of the PD's own (IDLE_TCBCPU).
    const struct bench_core *c = me, *its = &cores[pd->cpu];
    const struct bench_stat *s = &stat[pd->index];
    const word_t w[BENCH_NWORDS] = {
        s->util, s->schedules, s->kernel, s->entries,                            // the PD
        c->idle.util, its->idle.util, c->idle.schedules, c->idle.kernel, c->idle.entries, // idle
        c->end - c->start, c->schedules, c->kernel, c->entries,                  // totals
    };

    for (unsigned i = 0; i < BENCH_NWORDS; i++)
        out[i] = w[i];
}

#endif
