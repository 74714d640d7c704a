// SPDX-License-Identifier: BSD-2-Clause
//
// Unit tests of kernel/sched.c: priority order, FIFO among equals, the front
// of a queue for preempted and resuming PDs, preemption in sched_choose, round
// robin on the tick and the rule that the timer is armed exactly while the
// running PD has a runnable equal, sched_top at the priorities' edges
// (0, 63, 64, 254), and the run queues by rank: 63 PDs of 63 distinct
// priorities fill the one-word map in priority order.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "moat/image.h"

#include "fake_arch.h"
#include "ipc.h"
#include "pd.h"
#include "sched.h"
#include "world.h"

#define SLICE (FAKE_TIMER_HZ / 1000) // world_pd's full 1 ms budget: the round-robin slice

// A runnable PD put at the back of its queue.
static struct pd *
ready(unsigned i, const char *name, unsigned prio)
{
    struct pd *pd = world_pd(i, name, prio);

    sched_ready(pd);
    return pd;
}

// The running PD waits: it leaves the CPU without entering the queue.
static void
block_current(void)
{
    current->state = PD_RECV;
}

static void
test_empty_queue_chooses_nobody(void **state)
{
    (void)state;
    assert_int_equal(sched_top(), -1);
    assert_null(sched_choose());
    assert_null(current);
    assert_false(fake.timer_armed);
    assert_int_equal(fake.timer_arms, 0);
}

static void
test_priorities_order(void **state)
{
    (void)state;
    ready(0, "p3", 3);
    ready(1, "p200", 200);
    ready(2, "p7", 7);
    ready(3, "p64", 64);
    ready(4, "p0", 0);
    ready(5, "p254", 254);
    assert_string_equal(world_queue(), "p254 p200 p64 p7 p3 p0");
}

static void
test_fifo_among_equals(void **state)
{
    (void)state;
    ready(0, "a", 9);
    ready(1, "b", 9);
    ready(2, "low", 2);
    ready(3, "c", 9);
    assert_string_equal(world_queue(), "a b c low");
}

static void
test_ready_front_goes_before_equals(void **state)
{
    (void)state;
    ready(0, "a", 9);
    ready(1, "b", 9);
    struct pd *f = world_pd(2, "front", 9);
    sched_ready_front(f);
    ready(3, "c", 9);
    assert_string_equal(world_queue(), "front a b c");
}

static void
test_ready_front_into_empty_queue(void **state)
{
    (void)state;
    struct pd *f = world_pd(0, "front", 40);

    sched_ready_front(f); // empty queue: it becomes head and tail
    ready(1, "after", 40);
    assert_int_equal(sched_top(), 40);
    assert_string_equal(world_queue(), "front after");
}

static void
test_choose_takes_highest_and_dequeues_it(void **state)
{
    (void)state;
    ready(0, "low", 3);
    struct pd *hi = ready(1, "hi", 30);

    assert_ptr_equal(sched_choose(), hi);
    assert_ptr_equal(current, hi);
    assert_null(hi->next);
    assert_int_equal(sched_top(), 3); // hi left the queue: the running PD is never in it
    assert_string_equal(world_queue(), "low");
}

static void
test_choose_keeps_current_against_equal_and_lower(void **state)
{
    (void)state;
    struct pd *a = ready(0, "a", 10);

    assert_ptr_equal(sched_choose(), a);
    ready(1, "equal", 10);
    ready(2, "lower", 4);
    assert_ptr_equal(sched_choose(), a); // no preemption by an equal or a lower PD
    assert_ptr_equal(sched_choose(), a);
    assert_string_equal(world_queue(), "equal lower");
}

static void
test_choose_preempts_for_higher(void **state)
{
    (void)state;
    struct pd *a = ready(0, "a", 10);

    assert_ptr_equal(sched_choose(), a);
    ready(1, "b", 10); // a's equal, queued before a is preempted
    struct pd *h = ready(2, "high", 11);
    assert_ptr_equal(sched_choose(), h);
    assert_ptr_equal(current, h);
    assert_int_equal(a->state, PD_RUNNABLE);
    // The preempted PD keeps its turn: it is at the front, ahead of b.
    assert_string_equal(world_queue(), "a b");
}

static void
test_choose_after_block_takes_next(void **state)
{
    (void)state;
    struct pd *a = ready(0, "a", 10);
    struct pd *b = ready(1, "b", 10);

    assert_ptr_equal(sched_choose(), a);
    block_current();
    assert_ptr_equal(sched_choose(), b);
    block_current();
    assert_null(sched_choose());
    assert_null(current);
}

static void
test_tick_rotates_equals(void **state)
{
    (void)state;
    struct pd *a = ready(0, "a", 10);
    struct pd *b = ready(1, "b", 10);
    struct pd *c = ready(2, "c", 10);

    ready(3, "low", 1);
    assert_ptr_equal(sched_choose(), a);
    sched_tick();
    assert_ptr_equal(current, b);
    sched_tick();
    assert_ptr_equal(current, c);
    sched_tick();
    assert_ptr_equal(current, a);
    assert_string_equal(world_queue(), "b c low");
}

static void
test_tick_without_equal_keeps_current(void **state)
{
    (void)state;
    struct pd *a = ready(0, "a", 10);

    ready(1, "low", 9);
    assert_ptr_equal(sched_choose(), a);
    sched_tick();
    assert_ptr_equal(current, a);
    assert_int_equal(fake.timer_arms, 0);
    assert_string_equal(world_queue(), "low");
}

static void
test_tick_ignores_blocked_current(void **state)
{
    (void)state;
    struct pd *a = ready(0, "a", 10);
    struct pd *b = ready(1, "b", 10);

    assert_ptr_equal(sched_choose(), a);
    block_current(); // the interrupt came before the kernel chose again
    sched_tick();
    assert_ptr_equal(current, a);
    assert_int_equal(a->state, PD_RECV);
    assert_ptr_equal(sched_choose(), b);
}

static void
test_timer_armed_only_with_runnable_equal(void **state)
{
    (void)state;
    ready(0, "a", 10);
    ready(1, "low", 9);
    ready(2, "lower", 0);
    sched_choose(); // a, alone at its priority
    assert_false(fake.timer_armed);
    assert_int_equal(fake.timer_arms, 0);
    assert_int_equal(fake.timer_disarms, 0);

    ready(3, "b", 10);
    sched_choose(); // a now has an equal
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_arms, 1);
    assert_int_equal(fake.timer_ticks, SLICE);
    sched_choose(); // already armed: not re-armed
    assert_int_equal(fake.timer_arms, 1);
}

static void
test_timer_rearmed_after_each_tick(void **state)
{
    (void)state;
    struct pd *a = ready(0, "a", 10);
    struct pd *b = ready(1, "b", 10);

    sched_choose();
    assert_int_equal(fake.timer_arms, 1);
    fake.timer_armed = false; // the one-shot timer fired
    sched_tick();
    assert_ptr_equal(current, b);
    assert_true(fake.timer_armed); // a is b's runnable equal: a new slice
    assert_int_equal(fake.timer_arms, 2);
    assert_int_equal(fake.timer_disarms, 0);
    block_current(); // b waits: a runs with no equal
    assert_ptr_equal(sched_choose(), a);
    assert_false(fake.timer_armed);
    assert_int_equal(fake.timer_disarms, 1);
}

// A PD that leaves the CPU for a moment (here a higher PD runs) keeps the
// rest of its slice when it comes back: calling up often cannot starve its
// equals. Only a tick hands out a fresh slice.
static void
test_slice_survives_preemption(void **state)
{
    (void)state;
    struct pd *a = world_pd(0, "a", 5), *b = world_pd(1, "b", 5), *h = world_pd(2, "h", 6);
    const uint64_t slice = SLICE;

    sched_ready(a);
    sched_ready(b);
    assert_ptr_equal(sched_choose(), a);
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_ticks, slice);
    fake.now += 4000; // a runs for a while, then a higher PD takes over
    h->state = PD_RUNNABLE;
    sched_ready(h);
    assert_ptr_equal(sched_choose(), h);
    assert_false(fake.timer_armed);
    fake.now += 1000; // h runs, then blocks
    h->state = PD_RECV;
    assert_ptr_equal(sched_choose(), a);
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_ticks, slice - 5000); // the rest of a's slice
    fake.now = slice + 1; // the slice ends: b gets a fresh one
    sched_tick();
    assert_ptr_equal(current, b);
    assert_int_equal(fake.timer_ticks, slice);
}

static void
test_tick_alone_does_not_rearm(void **state)
{
    (void)state;
    struct pd *a = ready(0, "a", 10);
    struct pd *b = ready(1, "b", 10);

    sched_choose();
    assert_ptr_equal(current, a);
    block_current();
    assert_ptr_equal(sched_choose(), b); // b alone now
    assert_false(fake.timer_armed);
    assert_int_equal(fake.timer_disarms, 1);
    sched_tick();
    assert_ptr_equal(current, b);
    assert_int_equal(fake.timer_arms, 1);
    assert_int_equal(fake.timer_disarms, 1); // the fired timer needs no disarm
}

static void
test_timer_disarmed_while_higher_runs(void **state)
{
    (void)state;
    struct pd *a = ready(0, "a", 10);

    ready(1, "b", 10);
    sched_choose();
    assert_true(fake.timer_armed);
    struct pd *h = ready(2, "high", 50);
    assert_ptr_equal(sched_choose(), h);
    assert_false(fake.timer_armed); // high has no equal
    assert_int_equal(fake.timer_disarms, 1);
    block_current();
    assert_ptr_equal(sched_choose(), a); // the preempted PD resumes first
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_arms, 2);
}

// sched_top for one queued priority; the map is four 64-bit words.
static void
top_of_one(unsigned prio)
{
    world_setup(NULL);
    ready(0, "x", prio);
    assert_int_equal(sched_top(), (int)prio);
    assert_ptr_equal(sched_choose(), &pds[0]);
    assert_int_equal(sched_top(), -1); // its bit is cleared with the queue
}

static void
test_top_bitmap_edges(void **state)
{
    (void)state;
    top_of_one(0);
    top_of_one(1);
    top_of_one(63);
    top_of_one(64);
    top_of_one(127);
    top_of_one(128);
    top_of_one(254);
}

// The limit: as many distinct priorities as PDs, each its own rank.
static void
test_ranks_63_distinct(void **state)
{
    (void)state;
    for (unsigned i = 0; i < MOAT_MAX_PDS; i++)
        world_pd(MOAT_MAX_PDS - 1 - i, "p", i * 4 + 3); // 3, 7, ..., 251, from the last PD
    for (unsigned i = 0; i < MOAT_MAX_PDS; i++)
        sched_ready(&pds[i]);
    assert_int_equal(sched_map, (1UL << MOAT_MAX_PDS) - 1);
    for (unsigned i = 0; i < MOAT_MAX_PDS; i++)
        assert_int_equal(pds[i].rank, pds[i].prio / 4);
    int last = 256;
    for (unsigned i = 0; i < MOAT_MAX_PDS; i++) {
        struct pd *pd = sched_choose();
        assert_non_null(pd);
        assert_true(pd->prio < last);
        last = pd->prio;
        block_current();
    }
    assert_int_equal(last, 3);
    assert_null(sched_choose());
}

static void
test_top_mixed_words(void **state)
{
    (void)state;
    ready(0, "p0", 0);
    assert_int_equal(sched_top(), 0);
    ready(1, "p63", 63);
    assert_int_equal(sched_top(), 63);
    ready(2, "p64", 64);
    assert_int_equal(sched_top(), 64);
    ready(3, "p254", 254);
    assert_int_equal(sched_top(), 254);
    sched_choose();
    assert_int_equal(sched_top(), 64);
    block_current();
    sched_choose();
    assert_int_equal(sched_top(), 63);
    block_current();
    sched_choose();
    assert_int_equal(sched_top(), 0);
    block_current();
    sched_choose();
    assert_int_equal(sched_top(), -1);
}

static void
test_top_stays_while_equals_remain(void **state)
{
    (void)state;
    ready(0, "a", 64);
    ready(1, "b", 64);
    ready(2, "c", 63);
    sched_choose();
    assert_int_equal(sched_top(), 64); // b still queued at 64
    block_current();
    sched_choose();
    assert_int_equal(sched_top(), 63);
}

static void
test_init_empties_everything(void **state)
{
    (void)state;
    ready(0, "a", 5);
    ready(1, "b", 5);
    sched_choose();
    sched_init();
    assert_null(current);
    assert_int_equal(sched_top(), -1);
    assert_null(sched_choose());
}

// --- budgets: a simulated timeline -----------------------------------------
// A constrained PD p (budget B every T) and an idle spinner below it. Time
// moves from event to event: the one-shot timer's deadline, the end of p's
// burst, p's wake-up. p's run intervals are recorded.

#define B (FAKE_TIMER_HZ / 500)  // 2 ms
#define T (FAKE_TIMER_HZ / 100)  // 10 ms
#define MAXRUNS 20000

static struct {
    uint64_t s, e;
} runs[MAXRUNS];
static unsigned nruns;

// Run the timeline until `until`. p runs bursts of burst() ticks and waits
// gap() ticks between them (gap returning UINT64_MAX: p never waits).
static void
timeline(struct pd *p, uint64_t until, uint64_t (*burst)(void), uint64_t (*gap)(void))
{
    uint64_t left = burst(), wake = 0;

    nruns = 0;
    sched_choose();
    while (fake.now < until) {
        uint64_t deadline = fake.timer_armed ? fake.timer_deadline : UINT64_MAX;
        bool runs_p = current == p;
        uint64_t next = deadline;
        if (runs_p && left < next - fake.now)
            next = fake.now + left;
        if (p->state == PD_RECV && wake < next)
            next = wake;
        if (next > until)
            next = until;
        assert_true(next >= fake.now);
        if (runs_p && next > fake.now) {
            assert_true(nruns < MAXRUNS);
            runs[nruns].s = fake.now;
            runs[nruns++].e = next;
            left -= next - fake.now;
        }
        fake.now = next;
        if (next == deadline) {
            fake.timer_armed = false;
            sched_timer();
            sched_choose();
        } else if (runs_p && left == 0) {
            uint64_t g = gap();
            left = burst();
            if (g == UINT64_MAX)
                continue;
            p->state = PD_RECV; // p waits
            wake = fake.now + g;
            sched_choose();
        } else if (p->state == PD_RECV && next == wake) {
            p->state = PD_RUNNABLE; // p is woken
            sched_ready(p);
            sched_choose();
        }
    }
}

// The most p ran in any window of one period (it is greatest in a window
// that starts where a run starts).
static uint64_t
max_window(void)
{
    uint64_t most = 0;

    for (unsigned i = 0; i < nruns; i++) {
        uint64_t sum = 0, end = runs[i].s + T;
        for (unsigned j = i; j < nruns && runs[j].s < end; j++)
            sum += (runs[j].e < end ? runs[j].e : end) - runs[j].s;
        if (sum > most)
            most = sum;
    }
    return most;
}

static uint64_t rng = 88172645463325252ULL;

static uint64_t
xorshift(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint64_t
random_burst(void)
{
    return 1 + xorshift() % (B * 3 / 2); // shorter and longer than the budget
}

static uint64_t
random_gap(void)
{
    return xorshift() % (T / 2);
}

static uint64_t
forever(void)
{
    return UINT64_MAX / 4; // longer than any timeline
}

static uint64_t
never(void)
{
    return UINT64_MAX;
}

// A sporadic server never gives more than its budget in any window of one
// period, whatever pattern of running and waiting the PD has; 2,000 periods
// of random bursts and gaps.
static void
test_budget_never_more_than_budget_per_window(void **state)
{
    (void)state;
    struct pd *p = world_pd(0, "p", 10), *idle = world_pd(1, "idle", 1);

    sched_sc_init(p, 2000, 10000);
    sched_ready(p);
    sched_ready(idle);
    timeline(p, 2000 * T, random_burst, random_gap);
    assert_true(nruns > 1000);
    assert_true(max_window() <= B);
}

// A PD that always wants the CPU gets its whole budget in every period: over
// 100 periods, exactly 100 budgets (no budget is lost).
static void
test_budget_all_of_it_every_period(void **state)
{
    (void)state;
    struct pd *p = world_pd(0, "p", 10), *idle = world_pd(1, "idle", 1);
    uint64_t total = 0;

    sched_sc_init(p, 2000, 10000);
    sched_ready(p);
    sched_ready(idle);
    timeline(p, 100 * T, forever, never);
    for (unsigned i = 0; i < nruns; i++)
        total += runs[i].e - runs[i].s;
    assert_int_equal(total, 100 * B);
    assert_int_equal(max_window(), B);
}

// Preempted again and again by a higher PD, a constrained PD still gets its
// whole budget each period, and never more in any window: the pieces of
// budget come back one period after each piece began.
static void
test_budget_survives_preemption(void **state)
{
    (void)state;
    struct pd *p = world_pd(0, "p", 10), *idle = world_pd(1, "idle", 1);
    struct pd *h = world_pd(2, "h", 20);
    uint64_t total = 0;

    sched_sc_init(p, 2000, 10000);
    sched_ready(p);
    sched_ready(idle);
    h->state = PD_RECV;
    for (unsigned k = 0; k < 50; k++) {
        // h takes the CPU for 1 ms every 3 ms
        timeline(p, fake.now + 2 * T / 10, forever, never);
        for (unsigned i = 0; i < nruns; i++)
            total += runs[i].e - runs[i].s;
        h->state = PD_RUNNABLE;
        sched_ready(h);
        timeline(p, fake.now + T / 10, forever, never); // h runs: p does not
        assert_ptr_equal(current, h);
        assert_int_equal(nruns, 0);
        h->state = PD_RECV;
    }
    // 50 rounds of 3 ms: 150 ms, 15 periods, with p wanting the CPU two
    // thirds of the time: it gets its budget in each period.
    print_message("p ran %lu ticks in 15 periods\n", (unsigned long)total);
    assert_true(total >= 14 * B && total <= 15 * B);
}

// A passive server runs on its caller's budget: when that runs out in the
// middle of a call the server is throttled with it, goes on at the caller's
// refill, and is released at once onto its own context if the caller is
// cancelled meanwhile.
static void
test_passive_server_throttled_with_caller(void **state)
{
    (void)state;
    struct pd *a = world_pd(0, "a", 10), *s = world_pd(1, "s", 20), *idle = world_pd(2, "idle", 1);

    sched_sc_init(a, 2000, 10000);
    s->passive = 1;
    sched_sc_init(s, 1000, 1000);
    sched_ready(idle);
    sched_ready(a);
    assert_ptr_equal(sched_choose(), a);
    fake.now = 5000; // a calls s, which serves it on a's context
    a->state = PD_CALL;
    a->callee = s;
    s->caller = a;
    current = s;
    assert_ptr_equal(sched_choose(), s);
    assert_ptr_equal(sc_running, &a->sc);
    assert_int_equal(fake.timer_deadline, B); // a's budget runs out at 2 ms
    fake.now = B;
    fake.timer_armed = false;
    sched_timer();
    assert_ptr_equal(sched_choose(), idle); // s is throttled with a's budget
    assert_true(s->throttled);
    assert_int_equal(fake.timer_deadline, T); // a's refill
    fake.now = T;
    fake.timer_armed = false;
    sched_timer();
    assert_ptr_equal(sched_choose(), s); // s goes on with the call
    assert_false(s->throttled);
    fake.now = T + B;
    fake.timer_armed = false;
    sched_timer();
    assert_ptr_equal(sched_choose(), idle);
    assert_true(s->throttled);
    pd_cancel(a); // a's parent stops it: s is freed onto its own context
    assert_false(s->throttled);
    assert_null(s->caller);
    assert_true(s->reply_lost);
    assert_ptr_equal(sched_choose(), s);
    assert_ptr_equal(sc_running, &s->sc);
}

// a calls passive p1, which calls passive p2: p2 runs on a's budget and is
// throttled with it. a's parent stops and restarts a: p1 is cut from a, so
// p2 no longer runs on a's context, and a itself waits for its own refill.
// Two PDs then wait on one context; both come back at its refill.
static void
test_throttled_chain_cut_and_caller_restarted(void **state)
{
    (void)state;
    struct pd *a = world_pd(0, "a", 10), *p1 = world_pd(1, "p1", 20);
    struct pd *p2 = world_pd(2, "p2", 30), *idle = world_pd(3, "idle", 1);

    sched_sc_init(a, 2000, 10000);
    p1->passive = p2->passive = 1;
    sched_sc_init(p1, 1000, 1000);
    sched_sc_init(p2, 1000, 1000);
    sched_ready(idle);
    sched_ready(a);
    assert_ptr_equal(sched_choose(), a);
    a->state = PD_CALL; // a calls p1, which calls p2
    a->callee = p1;
    p1->caller = a;
    p1->state = PD_CALL;
    p1->callee = p2;
    p2->caller = p1;
    current = p2;
    assert_ptr_equal(sched_choose(), p2);
    assert_ptr_equal(sc_running, &a->sc);
    fake.now = B;
    fake.timer_armed = false;
    sched_timer();
    assert_ptr_equal(sched_choose(), idle);
    assert_ptr_equal(p2->throttled, &a->sc);
    pd_cancel(a); // a's parent stops a: p1 loses its caller
    assert_null(p1->caller);
    a->state = PD_RUNNABLE; // and restarts it: a has no budget left either
    sched_ready(a);
    assert_ptr_equal(sched_choose(), idle);
    assert_ptr_equal(a->throttled, &a->sc);
    assert_ptr_equal(p2->throttled, &a->sc);
    fake.now = T;
    fake.timer_armed = false;
    sched_timer(); // a's refill: both come back; p2 now runs on p1's context
    assert_ptr_equal(sched_choose(), p2);
    assert_null(a->throttled);
    assert_ptr_equal(sc_running, &p1->sc);
}

// --- domains ------------------------------------------------------------------

static struct image_hdr dom_img;

// Domain 0 for 3 ms, then domain 1 for 7 ms, from entry `start`.
static void
two_domains(unsigned start)
{
    memset(&dom_img, 0, sizeof(dom_img));
    dom_img.ndomsched = 2;
    dom_img.domstart = start;
    dom_img.domsched[0] = (struct image_domsched){30000, 0, {0}};
    dom_img.domsched[1] = (struct image_domsched){70000, 1, {0}};
    sched_domains_boot(&dom_img);
}

// Only the running domain's PDs are queued; the others wait parked, and the
// end of a turn swaps them, on time even when the interrupt comes late.
static void
test_domains_take_turns(void **state)
{
    (void)state;
    two_domains(0);
    assert_int_equal(sched_domain, 0);
    assert_true(fake.timer_armed); // the first turn's end
    assert_int_equal(fake.timer_deadline, 30000);
    struct pd *a = world_pd(0, "a", 10), *b = world_pd(1, "b", 200), *c = world_pd(2, "c", 5);
    b->domain = 1;
    sched_ready(a);
    sched_ready(b); // domain 1: parked, though it outranks a
    sched_ready(c);
    assert_true(b->parked);
    assert_int_equal(sched_top(), 10); // a and c are queued, b is not
    assert_ptr_equal(sched_choose(), a);
    fake.now = 30000;
    fake.timer_armed = false;
    sched_timer();
    assert_ptr_equal(sched_choose(), b); // domain 1's turn: a and c wait
    assert_int_equal(sched_domain, 1);
    assert_true(a->parked && c->parked && !b->parked);
    assert_true(fake.timer_armed);
    assert_int_equal(fake.timer_deadline, 100000);
    b->state = PD_RECV; // b waits: nobody else may run in domain 1's turn
    assert_null(sched_choose());
    fake.now = 100004; // the interrupt comes late: the next turn still ends on time
    fake.timer_armed = false;
    sched_timer();
    assert_ptr_equal(sched_choose(), a);
    assert_int_equal(fake.timer_deadline, 130000);
    assert_string_equal(world_queue(), "c"); // queued behind a, which runs
}

// A PD of the running domain that wakes one of another domain (a
// notification, a reply) only makes it runnable there: it runs in its turn.
static void
test_domains_wake_parks(void **state)
{
    (void)state;
    two_domains(1);
    struct pd *a = world_pd(0, "a", 10), *b = world_pd(1, "b", 20);
    b->domain = 1;
    sched_ready(b);
    assert_ptr_equal(sched_choose(), b);
    a->state = PD_RECV;
    ntfn_signal(a, 1); // b signals a, of domain 0
    assert_int_equal(a->state, PD_RUNNABLE);
    assert_true(a->parked);
    assert_ptr_equal(sched_choose(), b);
    pd_cancel(a); // a parked PD can be cancelled: it leaves no trace
    assert_false(a->parked);
}

int
main(int argc, char **argv)
{
    static const struct CMUnitTest tests[] = {
        WORLD_TEST(test_empty_queue_chooses_nobody),
        WORLD_TEST(test_priorities_order),
        WORLD_TEST(test_fifo_among_equals),
        WORLD_TEST(test_ready_front_goes_before_equals),
        WORLD_TEST(test_ready_front_into_empty_queue),
        WORLD_TEST(test_choose_takes_highest_and_dequeues_it),
        WORLD_TEST(test_choose_keeps_current_against_equal_and_lower),
        WORLD_TEST(test_choose_preempts_for_higher),
        WORLD_TEST(test_choose_after_block_takes_next),
        WORLD_TEST(test_tick_rotates_equals),
        WORLD_TEST(test_tick_without_equal_keeps_current),
        WORLD_TEST(test_tick_ignores_blocked_current),
        WORLD_TEST(test_timer_armed_only_with_runnable_equal),
        WORLD_TEST(test_timer_rearmed_after_each_tick),
        WORLD_TEST(test_tick_alone_does_not_rearm),
        WORLD_TEST(test_slice_survives_preemption),
        WORLD_TEST(test_timer_disarmed_while_higher_runs),
        WORLD_TEST(test_top_bitmap_edges),
        WORLD_TEST(test_ranks_63_distinct),
        WORLD_TEST(test_top_mixed_words),
        WORLD_TEST(test_top_stays_while_equals_remain),
        WORLD_TEST(test_init_empties_everything),
        WORLD_TEST(test_budget_never_more_than_budget_per_window),
        WORLD_TEST(test_budget_all_of_it_every_period),
        WORLD_TEST(test_budget_survives_preemption),
        WORLD_TEST(test_passive_server_throttled_with_caller),
        WORLD_TEST(test_throttled_chain_cut_and_caller_restarted),
        WORLD_TEST(test_domains_take_turns),
        WORLD_TEST(test_domains_wake_parks),
    };

    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("sched", tests, NULL, NULL);
}
