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

struct bench_stat {
    uint64_t util, schedules, kernel, entries;
};

uint64_t bench_entered;

static struct bench_stat stat[MOAT_MAX_PDS], idle;
static const struct pd *running; // the PD the kernel last left for (NULL: idle)
static uint64_t since;           // the entry that switched to it
static bool on;                  // between ResetLog and FinalizeLog
static uint64_t start, end, schedules, kernel, entries; // totals

static struct bench_stat *
stat_of(const struct pd *pd)
{
    return pd ? &stat[pd->index] : &idle;
}

void
bench_exit(const struct pd *next, uint64_t now)
{
    if (on) {
        struct bench_stat *s = stat_of(next);

        s->kernel += now - bench_entered;
        s->entries++;
        kernel += now - bench_entered;
        entries++;
        if (next != running) {
            stat_of(running)->util += bench_entered - since;
            since = bench_entered;
            s->schedules++;
            schedules++;
        }
    }
    running = next;
}

void
bench_reset_log(const struct pd *pd)
{
    idle = (struct bench_stat){0};
    stat[pd->index].schedules++;
    running = pd;
    since = start = bench_entered;
    kernel = entries = 0;
    schedules = 1;
    on = true;
}

void
bench_finalize_log(void)
{
    if (!on)
        return;
    stat_of(running)->util += bench_entered - since;
    since = end = bench_entered;
    on = false;
}

void
bench_reset_pd(const struct pd *pd)
{
    stat[pd->index] = (struct bench_stat){0};
    if (pd == running)
        since = bench_entered; // its stretch so far is not counted either
}

void
bench_get(const struct pd *pd, word_t out[BENCH_NWORDS])
{
    const struct bench_stat *s = &stat[pd->index];
    const word_t w[BENCH_NWORDS] = {
        s->util, s->schedules, s->kernel, s->entries,           // the PD
        idle.util, idle.util, idle.schedules, idle.kernel, idle.entries, // idle (one core)
        end - start, schedules, kernel, entries,                 // totals
    };

    for (unsigned i = 0; i < BENCH_NWORDS; i++)
        out[i] = w[i];
}

#endif
