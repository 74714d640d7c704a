// SPDX-License-Identifier: BSD-2-Clause
//
// The honest PD: every 100 us (its alarm) it makes 10 calls to server and
// one service round trip (its buffer copied to server, changed there and
// copied back), and checks every answer; it counts them in the progress
// page that hostile watches, and notifies hostile, whose SYS_WAIT nothing
// else may end. It also answers hostile's calls and ignores its
// notifications. Once hostile has made all its calls, it prints the
// summary and the verdict, and halts the system.
#include "check.h"
#include "fuzz.h"

uintptr_t progress_vaddr, results_vaddr; // set by the tool (setvar_vaddr)

static struct progress *pg;
static const struct results *res;
static size_t svc;
static uint8_t buf[SVC_BYTES];
static uint8_t seq;
static bool svc_pending;
static uint64_t calls_in, notes_in, svc_late;

static void
put_u64(uint64_t v)
{
    char d[20];
    int n = 0;

    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        moat_dbg_putc(d[--n]);
}

static void
fail(const char *what, long got)
{
    moat_dbg_puts("FAIL honest: ");
    moat_dbg_puts(what);
    put_dec(got);
    moat_dbg_puts("\n");
    moat_dbg_halt(1);
    for (;;) { // release kernels: stop making progress, which hostile sees
        struct moat_event ev = {0};
        moat_sys_recv(SYS_RECV, ACTION_NONE, &ev);
    }
}

static const char *const errname[NERR] = {"E_OK",   "E_NOSYS", "E_INVAL", "E_RANGE", "E_PERM",
                                          "E_NOENT", "E_STATE", "E_DEAD",  "E_STALE"};

static void
summary(void)
{
    bool pass = res->failures == 0 && res->done == res->calls && res->calls == FUZZ_CALLS;

    moat_dbg_puts("fuzz: ");
    put_u64(res->done);
    moat_dbg_puts(" calls, seed ");
    put_u64(res->seed);
    moat_dbg_puts(", honest pd made ");
    put_u64(pg->trips);
    moat_dbg_puts(" round trips (");
    put_u64(pg->svc_trips);
    moat_dbg_puts(" through the service)\n");
    moat_dbg_puts("fuzz: results:");
    for (int i = 0; i < NERR; i++) {
        moat_dbg_puts(" ");
        moat_dbg_puts(errname[i]);
        moat_dbg_puts(" ");
        put_u64(res->by_err[i]);
    }
    moat_dbg_puts("\nfuzz: hostile's waits returned ");
    put_u64(res->events);
    moat_dbg_puts(" events, ");
    put_u64(res->child_faults);
    moat_dbg_puts(" of them faults of its children; honest took ");
    put_u64(calls_in);
    moat_dbg_puts(" calls and ");
    put_u64(notes_in);
    moat_dbg_puts(" notifications from hostile\n");
    if (res->failures) {
        moat_dbg_puts("FAIL fuzz: ");
        put_u64(res->failures);
        moat_dbg_puts(" results the ABI does not allow; the first: call ");
        put_u64(res->bad_call);
        moat_dbg_puts(", number ");
        moat_dbg_puthex(res->bad_nr);
        moat_dbg_puts(" returned ");
        put_dec((long)res->bad_ret);
        moat_dbg_puts("\n");
    }
    moat_dbg_puts(pass ? "fuzz: PASS\n" : "fuzz: FAIL\n");
    moat_dbg_halt(pass ? 0 : 1);
}

static void
on_service(size_t service, size_t len, void *b, void *ud)
{
    (void)service;
    (void)len;
    (void)b;
    (void)ud;
    if (!svc_pending)
        fail("an answer from the service that was not asked for, ", 0);
    for (int i = 0; i < SVC_BYTES; i++) {
        if (buf[i] != (uint8_t)(seq + i + 1))
            fail("the service's answer is wrong at byte ", i);
    }
    svc_pending = false;
    pg->svc_trips++;
}

static void
tick(void *ud)
{
    (void)ud;
    if (res->calls && res->done == res->calls) {
        summary();
        return; // release kernels: no more ticks
    }
    microkit_notify(1); // ends a notification-only wait of hostile's (SYS_WAIT)
    for (int k = 0; k < TRIPS_PER_TICK; k++) {
        uint64_t n = pg->trips;
        microkit_msginfo tag = microkit_msginfo_new(LABEL_HONEST, 1);

        microkit_mr_set(0, n);
        long err = moat_ppcall(0, &tag);
        if (err)
            fail("call to server: error ", err);
        if (microkit_msginfo_get_label(tag) != LABEL_ANSWER)
            fail("server's answer has label ", (long)microkit_msginfo_get_label(tag));
        if (microkit_msginfo_get_count(tag) != 1 || microkit_mr_get(0) != ANSWER(n))
            fail("server's answer is wrong for round trip ", (long)n);
        pg->trips = n + 1;
        if ((n + 1) % PROGRESS_EVERY == 0) {
            moat_dbg_puts("honest: ");
            put_u64(n + 1);
            moat_dbg_puts(" round trips\n");
        }
    }
    // server outranks this PD and answers at once; the copy back comes with
    // the event, which this PD takes at its next wait, but after the alarm
    // if that is due already (docs/abi.md, "Which event first").
    if (svc_pending) {
        if (++svc_late > SVC_LATE)
            fail("no answer from the service for ticks: ", (long)svc_late);
        moat_alarm_set(moat_time() + TICK, tick, NULL);
        return;
    }
    svc_late = 0;
    seq++;
    for (int i = 0; i < SVC_BYTES; i++)
        buf[i] = (uint8_t)(seq + i);
    long err = moat_ipc_notify_service(svc);
    if (err)
        fail("notify service: error ", err);
    svc_pending = true;
    moat_alarm_set(moat_time() + TICK, tick, NULL);
}

void
init(void)
{
    pg = (struct progress *)progress_vaddr;
    res = (const struct results *)results_vaddr;
    long err = moat_ipc_discover(SVC_NAME, &svc, NULL);
    if (err)
        fail("discover: error ", err);
    moat_ipc_on_client(svc, on_service, NULL);
    err = moat_ipc_share(svc, buf, sizeof buf);
    if (err)
        fail("share: error ", err);
    moat_dbg_puts("honest: ");
    put_u64(FUZZ_CALLS);
    moat_dbg_puts(" calls of seed ");
    put_u64(FUZZ_SEED);
    moat_dbg_puts(" to come\n");
    moat_alarm_set(moat_time() + TICK, tick, NULL);
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)ch;
    (void)msginfo;
    calls_in++;
    return microkit_msginfo_new(0, 0);
}

void
notified(microkit_channel ch)
{
    (void)ch;
    notes_in++;
}
