// SPDX-License-Identifier: BSD-2-Clause
//
// The run queue: one FIFO per priority and a one-word map of non-empty
// ones (a priority's queue is its rank among the system's: at most 63), so
// finding the highest runnable PD is a few instructions and no scan of the
// PD table. The running PD is kept out of the queue (seL4's
// "Benno scheduling"), so a direct switch from caller to callee touches no
// queue at all.
//
// The tick is armed only while the running PD has a runnable equal (or, for
// its slice, while it waits for a reply from above): a system with one PD
// per priority never takes a timer interrupt.
//
// Budgets (docs/design.md, "Budgets and periods"): every PD has a
// scheduling context. A full one (budget == period) is a round-robin slice
// of its budget's length. A constrained one is a sporadic server: each
// stretch of time it runs, from its start s for u ticks, is given back as a
// refill of u at s + period, so that over any window of one period it gets
// at most its budget, and what it did not use it keeps. A PD whose context
// has no budget is throttled: it waits, in no queue, for the head refill.
// One timer deadline covers everything: the slice's end, the running
// context's budget, the next refill a throttled PD waits for, the next alarm,
// and the end of the running domain's turn.
//
// Domains (Microkit's <domains>): a fixed schedule of (domain, duration)
// entries run in turn for ever; only PDs of the running domain run. A PD of
// another domain that becomes runnable is parked (in no queue); at a domain
// switch the run queue is parked and the next domain's PDs are queued.
#include "sched.h"

#include "moat/image.h"

#include "alarm.h"
#include "arch.h"
#include "ipc.h"
#include "lock.h"
#include "pd.h"
#include "trace.h"

struct cpu cpus[MOAT_NCPUS];
unsigned ncpus = 1;

// When sc_running began its current stretch (its head refill's time, for a
// constrained one).
#define sc_start (this_cpu()->stretch_start)

// The earliest head refill a throttled PD waits for, or UINT64_MAX.
#define release_next (this_cpu()->next_release)

// The domain schedule (copied from the image), the entry running, and when
// its turn ends (UINT64_MAX: no schedule).
uint8_t sched_domain;
static struct image_domsched domsched[IMAGE_MAX_DOMSCHED];
static unsigned ndomsched, dom_index;
static uint64_t dom_end = UINT64_MAX;

// The end of the turn as the running core sees it: an SMP kernel runs the
// schedule on core 0 only (the tool puts every PD of a system with
// <domains> there).
#if MOAT_NCPUS > 1
#define turn_end() (this_cpu()->index == 0 ? dom_end : UINT64_MAX)
#else
#define turn_end() dom_end
#endif

// The time slice (slice_pd, slice_end: sched.h). A PD that leaves the CPU
// for a moment (a call to a higher PD, a preemption) and comes back keeps
// the rest of its slice, so it cannot starve its equals by calling often:
// only sched_tick hands a fresh slice to the next PD.

// The deadline the hardware timer is set for, or UINT64_MAX: the earlier of
// the slice's end (while the tick is armed) and the next alarm.
#define timer_at (this_cpu()->timer_deadline)

void
sched_init(void)
{
    for (unsigned n = 0; n < MOAT_NCPUS; n++) {
        struct cpu *c = &cpus[n];

        for (unsigned i = 0; i < NRANKS; i++)
            c->q[i].head = c->q[i].tail = NULL;
        c->map = 0;
        c->cur = NULL;
        c->tick_armed = false;
        c->slice_holder = NULL;
        c->timer_deadline = UINT64_MAX;
        c->next_alarm = UINT64_MAX;
        c->running_sc = NULL;
        c->running_full = 0;
        c->next_release = UINT64_MAX;
        c->index = n;
        trace_init(c, n);
    }
    sched_domain = 0;
    ndomsched = dom_index = 0;
    dom_end = UINT64_MAX;
}

void
sched_start(void)
{
    for (unsigned i = 0; i < npds; i++) {
        if (cpu_of(&pds[i]) == this_cpu() && pds[i].state == PD_RUNNABLE)
            sched_ready(&pds[i]);
    }
    sched_timer_program(); // core 0, if it did not boot: the first turn's end
}

void
sched_domains_boot(const struct image_hdr *img)
{
    if (img->ndomsched > IMAGE_MAX_DOMSCHED ||
        (img->ndomsched && img->domstart >= img->ndomsched))
        panic("image: bad domain schedule");
    for (unsigned i = 0; i < img->ndomsched; i++) {
        if (img->domsched[i].ticks == 0 || img->domsched[i].domain >= IMAGE_MAX_DOMAINS)
            panic("image: bad domain schedule entry");
        domsched[i] = img->domsched[i];
    }
    ndomsched = img->ndomsched;
    if (ndomsched) {
        dom_index = img->domstart;
        sched_domain = domsched[dom_index].domain;
        uint64_t now = arch_time(), t = domsched[dom_index].ticks;
        dom_end = t < UINT64_MAX - now ? now + t : UINT64_MAX - 1;
        sched_timer_program(); // the first turn's end, even if nothing runs in it
    }
}

void
sched_park(struct pd *pd)
{
    ASSERT(pd->state == PD_RUNNABLE && !pd->throttled && pd->domain != sched_domain);
    pd->parked = true;
}

void
sched_sc_init(struct pd *pd, uint64_t budget_us, uint64_t period_us)
{
    struct sc *sc = &pd->sc;
    uint64_t per_us = arch_timer_hz() / 1000000;

    sc->budget = budget_us * per_us;
    sc->period = period_us * per_us;
    sc->full = sc->budget == sc->period;
    sc->head = 0;
    sc->count = 1;
    sc->r[0] = (struct refill){arch_time(), sc->budget};
    pd->sckind = (uint8_t)((sc->full ? SC_FULL : 0) | (pd->passive ? SC_PASSIVE : 0));
    pd->throttled = NULL;
}

static inline struct refill *
sc_head(struct sc *sc)
{
    return &sc->r[sc->head];
}

// Append a refill; with no room left, fold it into the last one, which then
// comes at the later time (late, never early: still at most the budget per
// period).
static void
refill_add(struct sc *sc, uint64_t time, uint64_t amount)
{
    if (sc->count == SC_REFILLS) {
        struct refill *t = &sc->r[(sc->head + sc->count - 1) % SC_REFILLS];

        t->amount += amount;
        t->time = time;
        return;
    }
    sc->r[(sc->head + sc->count) % SC_REFILLS] = (struct refill){time, amount};
    sc->count++;
}

// A constrained context ran `used` ticks from its head refill's time on:
// each part taken from a refill comes back one period after the stretch
// began. Running over the head (the kernel's own latency) takes from the
// next refills.
static void
sc_charge(struct sc *sc, uint64_t used)
{
    uint64_t start = sc_head(sc)->time;

    while (used) {
        struct refill *h = sc_head(sc);
        uint64_t take = used < h->amount ? used : h->amount;

        h->amount -= take;
        h->time += take;
        used -= take;
        refill_add(sc, start + sc->period, take);
        if (h->amount == 0) {
            sc->head = (uint8_t)((sc->head + 1) % SC_REFILLS);
            sc->count--;
        }
    }
    ASSERT(sc->count >= 1);
}

// Whether a constrained context has budget at `now`: refills that are due
// are merged into the head.
static bool
sc_ready(struct sc *sc, uint64_t now)
{
    struct refill *h = sc_head(sc);

    while (sc->count > 1) {
        struct refill *n = &sc->r[(sc->head + 1) % SC_REFILLS];

        if (n->time > now)
            break;
        n->amount += h->amount;
        n->time = h->time < n->time ? h->time : n->time;
        sc->head = (uint8_t)((sc->head + 1) % SC_REFILLS);
        sc->count--;
        h = n;
    }
    return h->time <= now;
}

// Charge the running context for its stretch up to `now`.
static void
sc_account(uint64_t now)
{
    if (sc_running && !sc_running->full) {
        sc_charge(sc_running, now - sc_start);
        sc_start = now;
    }
}

// `pd` would run on `sc`, which has no budget: it waits for the head refill.
static void
throttle(struct pd *pd, struct sc *sc)
{
    ASSERT(pd->state == PD_RUNNABLE && !pd->throttled);
    trace_record(TRACE_THROTTLE, pd, NULL, 0);
    pd->throttled = sc;
    if (sc_head(sc)->time < release_next)
        release_next = sc_head(sc)->time;
}

#if MOAT_NCPUS > 1
void
sched_remote_ready(struct pd *pd, uint8_t where)
{
    ASSERT(kernel_locking && pd->state == PD_RUNNABLE && !pd->xwake);
    pd->xwake = where;
    ipc_remote_post(pd);
}
#endif

void
sched_unthrottle(struct pd *pd)
{
    ASSERT(pd->throttled);
    pd->throttled = NULL;
}

// Refills are due: the PDs throttled on them become runnable again (each
// is checked once more when picked: what it runs on may have changed).
// Several PDs may wait on one context: a passive server whose chain of
// callers was cut, and the caller itself once restarted.
static void
release(uint64_t now)
{
    if (release_next > now)
        return;
    release_next = UINT64_MAX;
    for (unsigned i = 0; i < npds; i++) {
        struct pd *pd = &pds[i];
        struct sc *sc = pd->throttled;

        if (!sc || cpu_of(pd) != this_cpu()) // another core's PDs are its own
            continue;
        if (sc_ready(sc, now)) {
            trace_record(TRACE_RELEASE, pd, NULL, 0);
            pd->throttled = NULL;
            sched_ready(pd);
        } else if (sc_head(sc)->time < release_next) {
            release_next = sc_head(sc)->time;
        }
    }
}

void
sched_ranks(unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        unsigned below = 0;

        // the distinct priorities below pds[i]'s: each counted at its
        // first PD
        for (unsigned j = 0; j < n; j++) {
            if (pds[j].prio >= pds[i].prio)
                continue;
            unsigned k = 0;
            while (pds[k].prio != pds[j].prio)
                k++;
            below += k == j;
        }
        pds[i].rank = (uint8_t)below;
    }
}

// The highest rank in the run queue, or -1.
static inline int
top_rank(void)
{
    return sched_map ? sched_msb(sched_map) : -1;
}

int
sched_top(void)
{
    int r = top_rank();

    return r < 0 ? -1 : sched_q[r].head->prio;
}



void
sched_timer_program(void)
{
    uint64_t at = alarm_next;

    if (sched_tick_armed && slice_end < at)
        at = slice_end;
    if (sc_running && !sc_running->full && sc_start + sc_head(sc_running)->amount < at)
        at = sc_start + sc_head(sc_running)->amount; // its budget runs out
    if (release_next < at)
        at = release_next;
    if (turn_end() < at)
        at = turn_end();
    if (at == timer_at)
        return;
    timer_at = at;
    if (at == UINT64_MAX) {
        arch_timer_disarm();
    } else {
        uint64_t now = arch_time();

        arch_timer_arm(at > now ? at - now : 1);
    }
}

// The tick is armed while `current`, on a full context, shares its priority
// with a queued PD; the slice is that context's budget, and a PD that starts
// running so (slice_pd is another) starts a fresh slice. (A constrained
// context yields when its budget runs out.) It also stays armed, for the
// slice of a holder that called up (held()), while what runs outranks it:
// then a call from the holder and its reply leave the timer as it is, and
// the fast paths take them with the tick armed.
static inline bool
held(void)
{
    struct pd *h = slice_pd;

    return h && h->state == PD_CALL && current && current->prio > h->prio && sched_q[h->rank].head;
}

static inline __attribute__((always_inline)) void
tick_update(void)
{
    bool need = current && sc_running->full && sched_q[current->rank].head;

    if (likely(need == sched_tick_armed) && (!need || slice_pd == current))
        return;
    if (need && slice_pd != current) {
        slice_pd = current;
        slice_end = arch_time() + sc_running->budget;
    } else if (!need && held()) {
        return; // kept (never armed) for the holder's slice
    }
    sched_tick_armed = need;
    sched_timer_program();
}

void
sched_remove(struct pd *pd)
{
    unsigned p = pd->rank;
    struct pd *prev = NULL;

    for (struct pd *q = sched_q[p].head; q; prev = q, q = q->next) {
        if (q != pd)
            continue;
        if (prev)
            prev->next = q->next;
        else
            sched_q[p].head = q->next;
        if (sched_q[p].tail == q)
            sched_q[p].tail = prev;
        sched_unmark_if_empty(p);
        pd->next = NULL;
        return;
    }
    panic("sched_remove: runnable PD not in the run queue");
}

// The highest runnable PD, or NULL; a preempted current keeps its turn.
static inline __attribute__((always_inline)) void
pick(void)
{
    int top = top_rank();

    if (current && current->state == PD_RUNNABLE && !current->throttled) {
        if (top > (int)current->rank) {
            struct pd *preempted = current;

            current = sched_dequeue(top);
            sched_enqueue_front(preempted); // it keeps its turn among its equals
        }
    } else {
        current = top >= 0 ? sched_dequeue(top) : NULL;
    }
}

// sched_choose with a constrained context involved: the one that ran is
// charged, and a PD whose context has no budget is throttled.
static __attribute__((noinline)) struct pd *
choose_timed(void)
{
    uint64_t now = arch_time();

    for (;;) {
        if (!current)
            break;
        struct sc *sc = sc_of(current);
        if (sc->full)
            break;
        if (sc == sc_running) {
            if (now - sc_start < sc_head(sc)->amount)
                break; // budget left in the stretch it is in
            sc_account(now);
        }
        if (sc_ready(sc, now))
            break;
        throttle(current, sc); // no budget: it waits for the refill, the next PD runs
        current = NULL;
        pick();
    }
    struct sc *next = current ? sc_of(current) : NULL;
    if (next != sc_running) {
        sc_account(now);
        sc_running = next;
        sc_running_full = next && next->full ? SC_FULL : 0;
        sc_start = now;
        if (next && !next->full && sc_head(next)->time < now)
            sc_head(next)->time = now; // the stretch starts now: its refill comes a period on
    }
    tick_update();
    sched_timer_program();
    return current;
}

struct pd *
sched_choose(void)
{
    if (unlikely(current && current->domain != sched_domain)) {
        // A call to a PD of another domain: it waits for its domain's turn.
        if (current->state == PD_RUNNABLE && !current->throttled)
            current->parked = true;
        current = NULL;
    }
    pick();
    struct sc *next = current ? sc_of(current) : NULL;
    if (likely((!next || next->full) && (!sc_running || sc_running->full))) {
        // Full contexts only: nothing is charged, nobody is throttled.
        sc_running = next;
        sc_running_full = next ? SC_FULL : 0;
        tick_update();
        return current;
    }
    return choose_timed();
}

// The running domain's turn is over: park its PDs (the queue and current)
// and queue the next domain's. Turns follow each other exactly (each ends a
// duration after the last ended), so the schedule does not drift.
static void
domain_switch(uint64_t now)
{
    do {
        dom_index = dom_index + 1 < ndomsched ? dom_index + 1 : 0;
        uint64_t t = domsched[dom_index].ticks;
        dom_end = t < UINT64_MAX - dom_end ? dom_end + t : UINT64_MAX - 1; // never wraps
    } while (dom_end <= now); // turns missed while the kernel ran: skip them
    uint8_t next = domsched[dom_index].domain;
    if (next == sched_domain)
        return;
    for (int p; (p = top_rank()) >= 0;) {
        struct pd *pd = sched_dequeue((unsigned)p);
        pd->parked = true;
    }
    if (current && current->state == PD_RUNNABLE && !current->throttled)
        current->parked = true;
    current = NULL; // sched_choose charges its context and picks from the next domain
    sched_tick_armed = false;
    slice_pd = NULL;
    sched_domain = next;
    for (unsigned i = 0; i < npds; i++) {
        if (pds[i].parked && pds[i].domain == next) {
            pds[i].parked = false;
            sched_enqueue(&pds[i]);
        }
    }
}

void
sched_timer(void)
{
    uint64_t now = arch_time();

    timer_at = UINT64_MAX; // the one-shot timer has fired
    if (now >= turn_end())
        domain_switch(now);
    release(now);
    alarm_expire(now);
    if (sched_tick_armed && now >= slice_end)
        sched_tick();
    else
        sched_timer_program();
}

void
sched_yield(void)
{
    slice_pd = NULL;
    if (current && current->state == PD_RUNNABLE && sched_q[current->rank].head) {
        struct pd *pd = current;

        current = sched_dequeue(pd->rank);
        sched_enqueue(pd);
    }
}

void
sched_tick(void)
{
    timer_at = UINT64_MAX;    // the one-shot timer has fired
    sched_tick_armed = false;
    // With the tick armed, current is the slice's holder, or outranks a
    // holder that waits for a reply (held()). Then the holder's slice stays
    // over: the tick, armed again for it when the reply resumes it, fires at
    // once and rotates it there.
    if (current == slice_pd) {
        slice_pd = NULL; // whoever runs next starts a fresh slice
        if (current && current->state == PD_RUNNABLE && sched_q[current->rank].head) {
            struct pd *pd = current;

            current = sched_dequeue(pd->rank);
            sched_enqueue(pd);
        }
    }
    tick_update();
    sched_timer_program(); // an alarm may still be due
}
