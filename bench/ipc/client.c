// SPDX-License-Identifier: BSD-2-Clause
//
// Runs every measurement SAMPLES times and prints the smallest value, with the
// cost of reading the counter subtracted as sel4bench does. Under QEMU
// -icount shift=0 every sample after the first is the same; the figures are
// guest instructions: the kernel's plus the few user instructions between the
// counter reads and the ecall.
#include "bench.h"

#include <moat/tockdrv.h>

#define SAMPLES 16

static seL4_Word overhead;
static int lo_samples;
static seL4_Word lo_best = ~0UL;

static seL4_Word
min(seL4_Word a, seL4_Word b)
{
    return a < b ? a : b;
}

static void
bench_overhead(void)
{
    overhead = ~0UL;
    for (int i = 0; i < SAMPLES; i++) {
        seL4_Word t0 = instret();
        seL4_Word t1 = instret();
        overhead = min(overhead, t1 - t0);
    }
    bench_report("counter_overhead", overhead);
}

// Raw SYS_CALL with n message registers to a raw server on channel ch.
static void
bench_ppc_to(seL4_Word ch, unsigned n, const char *call_name, const char *reply_name,
             const char *rt_name)
{
    seL4_Word call = ~0UL, reply = ~0UL, rt = ~0UL;
    seL4_Word *mr = seL4_GetIPCBuffer()->msg;

    for (int i = 0; i < SAMPLES; i++) {
        seL4_Word tag = microkit_msginfo_new(0, n).words[0];
        seL4_Word t0 = instret();
        long err = moat_sys_call(ch, &tag, mr);
        seL4_Word t3 = instret();
        if (err) {
            bench_report("ERROR ppc", (seL4_Word)-err);
            return;
        }
        call = min(call, mr[0] - t0 - overhead);
        reply = min(reply, t3 - mr[1] - overhead);
        rt = min(rt, t3 - t0 - overhead);
    }
    if (call_name)
        bench_report(call_name, call);
    if (reply_name)
        bench_report(reply_name, reply);
    bench_report(rt_name, rt);
}

static void
bench_ppc(unsigned n, const char *call_name, const char *reply_name, const char *rt_name)
{
    bench_ppc_to(CH_SERVER, n, call_name, reply_name, rt_name);
}

// ppc_roundtrip_0mr with a runnable PD at the client's priority (`equal`,
// which yields while it runs): the round-robin tick is armed for the
// client's slice throughout. The first notification makes `equal` runnable,
// queued behind the client; the second, and the yield that lets it see it,
// make it wait again, so the figures after this one run without it.
static void
bench_ppc_with_equal(void)
{
    moat_notify(CH_EQUAL);
    bench_ppc_to(CH_SERVER, 0, NULL, NULL, "ppc_roundtrip_with_equal_0mr");
    moat_notify(CH_EQUAL);
    seL4_Yield();
}

static void
bench_microkit_ppcall(void)
{
    seL4_Word rt = ~0UL;

    for (int i = 0; i < SAMPLES; i++) {
        seL4_Word t0 = instret();
        microkit_ppcall(CH_MKSERVER, microkit_msginfo_new(0, 0));
        seL4_Word t1 = instret();
        rt = min(rt, t1 - t0 - overhead);
    }
    bench_report("microkit_ppcall_roundtrip_0mr", rt);
}

static void
bench_notify_higher(void)
{
    seL4_Word best = ~0UL;

    for (int i = 0; i < SAMPLES; i++) {
        seL4_Word t0 = instret();
        moat_notify(CH_HI);
        microkit_msginfo tag = microkit_msginfo_new(0, 1);
        moat_ppcall(CH_HI, &tag); // fetch the time waiter_hi woke up
        best = min(best, microkit_mr_get(0) - t0 - overhead);
    }
    bench_report("notify_to_higher", best);
}

// A Tock-style exchange, as Tock's rot13 does it: notify the service (which
// takes a copy of the 64 bytes shared), and wait for its notification back
// (which copies them back). Raw system calls on this side; the service runs
// moat.h's callback in libmicrokit's loop.
static void
bench_service(void)
{
    static char buf[64] __attribute__((aligned(64)));
    seL4_Word rt = ~0UL;
    size_t id;

    if (moat_ipc_discover("bench.service", &id, NULL) || moat_ipc_share(id, buf, sizeof(buf))) {
        bench_report("ERROR service", 0);
        return;
    }
    for (int i = 0; i < SAMPLES; i++) {
        struct moat_event ev = {0};
        seL4_Word t0 = instret();
        moat_ipc_notify_service(id);
        long err = moat_sys_recv(SYS_RECV, ACTION_NONE, &ev);
        seL4_Word t1 = instret();
        if (err || ev.badge != (BADGE_EVENT | EVENT_IPC_CLIENT)) {
            bench_report("ERROR service event", ev.badge);
            return;
        }
        rt = min(rt, t1 - t0 - overhead);
    }
    bench_report("service_roundtrip_64b", rt);
}

// One sample per wake-up of waiter_lo, which must be waiting each time.
static void
bench_notify_lower_step(void)
{
    seL4_Word t0 = instret();
    moat_notify(CH_LO);
    seL4_Word t1 = instret();
    lo_best = min(lo_best, t1 - t0 - overhead);
}

// A command to a Tock driver served by a PD (the SDK's LED driver, command
// 0: the count), as libtock sends it: a call with the command and its two
// arguments, answered by libtockdrv's protected() with a Tock return.
struct tockdrv_table __moat_tock_drivers; // patched by the tool

static void
bench_tockdrv(void)
{
    seL4_Word rt = ~0UL;
    unsigned ch = __moat_tock_drivers.d[0].ch;

    for (int i = 0; i < SAMPLES; i++) {
        seL4_Word t0 = instret();
        microkit_mr_set(0, 0);
        microkit_mr_set(1, 0);
        microkit_mr_set(2, 0);
        microkit_ppcall(ch, microkit_msginfo_new(TOCKDRV_COMMAND, 3));
        seL4_Word t1 = instret();
        rt = min(rt, t1 - t0 - overhead);
    }
    bench_report("tockdrv_command_roundtrip", rt);
}

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch; // only waiter_lo signals us: it is waiting again
    if (lo_samples == 0) {
        bench_overhead();
        bench_ppc(0, "ppc_call_0mr", "ppc_reply_0mr", "ppc_roundtrip_0mr");
        bench_ppc(4, NULL, NULL, "ppc_roundtrip_4mr");
        bench_ppc(10, NULL, NULL, "ppc_roundtrip_10mr");
        bench_ppc(120, NULL, NULL, "ppc_roundtrip_120mr");
        bench_ppc_to(CH_PASSIVE, 0, NULL, NULL, "ppc_roundtrip_passive_0mr");
        bench_ppc_to(CH_CAPPED, 0, NULL, NULL, "ppc_roundtrip_capped_0mr");
        bench_ppc_with_equal();
        bench_microkit_ppcall();
        bench_notify_higher();
        bench_service();
        bench_tockdrv();
    }
    if (lo_samples++ < SAMPLES) {
        bench_notify_lower_step();
        return;
    }
    bench_report("notify_to_lower", lo_best);
    moat_dbg_halt(0);
}
