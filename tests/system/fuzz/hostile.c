// SPDX-License-Identifier: BSD-2-Clause
//
// The hostile PD: FUZZ_CALLS system calls whose numbers and arguments come
// from a xorshift64* generator seeded with FUZZ_SEED (fuzz.h; make
// fuzz-kernel sets both with -D). It checks only what the ABI promises for
// any arguments: each call returns (the kernel neither panics nor faults
// this PD: monitor watches for that), with E_OK or one of the documented
// errors, E_NOSYS exactly for numbers that are not calls; and honest keeps
// making round trips. It counts the results in the results page for honest
// to print.
//
// What it avoids, because the run could not be judged otherwise:
//  - SYS_DEBUG_HALT (it would end the run) and SYS_DEBUG_DUMP (it would
//    fill the console);
//  - SYS_DEBUG_PUTC of anything but '\n' (the upper bits are random): a
//    blank line breaks no other PD's line;
//  - waits that nothing ends: before each SYS_RECV and SYS_REPLY_RECV it sets
//    its alarm a few microseconds ahead (victim's notifications usually come
//    first); a notification-only wait (SYS_WAIT) is ended by honest's
//    notification every 100 us;
//  - sharing its live stack or its own variables with the service: the
//    kernel copies the buffer back, as asked, and that would overwrite them.
//    It shares (and names otherwise) only its scratch pages, its IPC buffer,
//    the bottom of its 64 KiB stack, its read-only progress map and its
//    text, besides addresses that are not its own.
#include "check.h"
#include "fuzz.h"

uintptr_t progress_vaddr, results_vaddr; // set by the tool (setvar_vaddr)

#define STACK_LO    (USER_STACK_TOP - 0x10000) // stack_size in system.xml
#define KERNEL_VA   0xffffffc080200000UL       // the kernel's image in the direct map
#define RAM_PA      0x80200000UL               // the kernel, then the image: every PD's frames
#define HONEST_PROGRESS 0x10000000UL           // honest's address of the progress page

static uint64_t rng;
// Shared from its first two pages only, at most 4096 bytes: the third page
// keeps the copies back off the variables after it.
static uint8_t scratch[3 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
extern char __init_array_start[]; // microkit.ld: the end of text and read-only data
static uint64_t svc; // server's service id
static struct results *res;
static const struct progress *pg;

static uint64_t
rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dUL;
}

static uint64_t
pick(uint64_t n)
{
    return rnd() % n;
}

static const uint64_t edges[] = {
    0,           1,           2,           3,           4,          61,
    62,          63,          64,          120,         121,        127,
    128,         255,         256,         4095,        4096,       4097,
    0x7fffffff,  0x80000000,  0xffffffff,  1UL << 32,   1UL << 62,  1UL << 63,
    ~0UL,        ~0UL - 1,    -4096UL,     USER_TOP,    USER_TOP - 1, USER_TOP - PAGE_SIZE,
    USER_IPCBUF, USER_STACK_TOP, USER_IPC_WINDOW, USER_IPC_WINDOW_END, ACTION_NOTIFY, ACTION_IRQ_ACK,
};

static const uint64_t devices[] = {
    0x100000,   // the test finisher (QEMU's power-off device)
    0x2000000,  // CLINT
    0xc000000,  // PLIC
    0xc200000,  // PLIC contexts (claim/complete)
    0x10000000, // UART
    0x10001000, // virtio-mmio
};

// One argument: a mix of what system calls take and of what they must refuse.
static uint64_t
arg(void)
{
    switch (pick(20)) {
    case 0:
    case 1:
    case 2:
        return pick(8); // channel, irq and child ids that exist, operations, kinds
    case 3:
        return pick(70); // ids in range and past it
    case 4:
        return pick(256);
    case 5:
        return edges[pick(sizeof edges / sizeof edges[0])];
    case 6:
    case 7:
        return rnd();
    case 8:
        return (uint64_t)scratch + pick(2 * PAGE_SIZE); // own writable memory
    case 9:
        return (uint64_t)scratch + PAGE_SIZE * pick(2);
    case 10:
        return USER_IPCBUF - 64 + pick(PAGE_SIZE + 128); // own IPC buffer, and around it
    case 11:
        return STACK_LO - 0x800 + pick(0x4800); // own stack (nothing live there), its guard page
    case 12:
        // text and read-only data: own, and victim's (the same address)
        return (USER_TEXT_BASE + pick((uint64_t)__init_array_start - USER_TEXT_BASE)) & ~1UL;
    case 13:
        return pick(2) ? progress_vaddr + pick(PAGE_SIZE) // own read-only map
                       : HONEST_PROGRESS + pick(PAGE_SIZE); // honest's address of it
    case 14:
        return USER_IPC_WINDOW + pick(USER_IPC_WINDOW_END - USER_IPC_WINDOW + PAGE_SIZE);
    case 15:
        return RAM_PA + pick(0x400000); // physical: the kernel and every PD's frames
    case 16:
        return (pick(2) ? KERNEL_VA : 0xffffffc000000000UL) + pick(0x400000); // kernel
    case 17:
        return devices[pick(sizeof devices / sizeof devices[0])] + (pick(0x1000) & ~7UL);
    case 18: // service ids: the real one, stale ones, made-up ones
        switch (pick(4)) {
        case 0:
            return svc;
        case 1:
            return svc + (pick(4) + 1) * 0x100;
        case 2:
            return (pick(4) << 8) | (pick(8) + 1);
        default:
            return (rnd() & IPC_GEN_MASK) << 8 | pick(256);
        }
    default: // deferred actions and tags
        switch (pick(4)) {
        case 0:
            return ACTION_NOTIFY | pick(70);
        case 1:
            return ACTION_IRQ_ACK | pick(70);
        case 2:
            return (pick(8) << 8) | pick(256);
        default:
            return (rnd() << 12) | (pick(4) ? 0 : pick(32) << 7) | pick(128); // label, caps, length
        }
    }
}

// A raw system call: a0..a6 in, a0..a6 out (a6: the badge of a wait).
static uint64_t
sys(uint64_t nr, uint64_t a[7])
{
    register uint64_t a0 __asm__("a0") = a[0];
    register uint64_t a1 __asm__("a1") = a[1];
    register uint64_t a2 __asm__("a2") = a[2];
    register uint64_t a3 __asm__("a3") = a[3];
    register uint64_t a4 __asm__("a4") = a[4];
    register uint64_t a5 __asm__("a5") = a[5];
    register uint64_t a6 __asm__("a6") = a[6];
    register uint64_t a7 __asm__("a7") = nr;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5), "+r"(a6),
                       "+r"(a7)
                     :
                     : MOAT_CLOBBERS);
    a[0] = a0;
    a[6] = a6;
    return a0;
}

static void
fill_ipcbuf(void)
{
    volatile uint64_t *w = (volatile uint64_t *)USER_IPCBUF;

    for (int i = 0, n = (int)pick(32); i < n; i++)
        w[pick(PAGE_SIZE / 8)] = arg();
}

// The name IPC_DISCOVER reads, at the IPC buffer's MR 0 slot: the real one
// (or a prefix), or random bytes. Returns a length to go with it.
static uint64_t
put_name(void)
{
    volatile char *p = (volatile char *)(USER_IPCBUF + IPCBUF_MR_OFFSET);
    static const char name[] = SVC_NAME;

    if (pick(2)) {
        for (uint64_t i = 0; i < sizeof name - 1; i++)
            p[i] = name[i];
        return pick(4) ? sizeof name - 1 : pick(sizeof name);
    }
    for (uint64_t i = 0, n = pick(MOAT_NAME_LEN + 8); i < n; i++)
        p[i] = (char)rnd();
    return arg();
}

static void
failure(uint64_t i, uint64_t nr, long ret)
{
    if (!res->failures++) {
        res->bad_call = i;
        res->bad_nr = nr;
        res->bad_ret = (uint64_t)ret;
    }
}

#ifdef CONFIG_ENABLE_BENCHMARKS
#define BENCH_KERNEL 1 // SYS_BENCH is a system call of this kernel
#else
#define BENCH_KERNEL 0
#endif

static void
one_call(uint64_t i)
{
    uint64_t nr, a[7], r = pick(64);

    if (r < 48)
        nr = r % SYS_COUNT;
    else if (r < 56)
        nr = SYS_COUNT + pick(8);
    else if (r < 60)
        nr = rnd();
    else
        nr = (r & 1 ? 1UL << 32 : 1UL << 63) | pick(SYS_COUNT); // a call's number in the low bits
    if (nr == SYS_DEBUG_HALT || nr == SYS_DEBUG_DUMP)
        nr = SYS_DEBUG_PUTC; // would end the run, or fill the console
    for (int k = 0; k < 7; k++)
        a[k] = arg();
    if (!pick(8))
        fill_ipcbuf(); // message registers 4.. for calls and replies
    switch (nr) {
    case SYS_DEBUG_PUTC:
        a[0] = (a[0] & ~0xffUL) | '\n';
        break;
    case SYS_CALL:
    case SYS_REPLY_RECV:
    case SYS_RECV:
    case SYS_POLL:
        if (pick(2))
            a[0] = pick(4) ? pick(4) : ACTION_NOTIFY | pick(4); // channels that exist, often
        if (pick(2))
            a[1] = (rnd() << 12) | pick(MOAT_MSG_MAX + 1); // a well-formed tag
        if (nr != SYS_CALL) {
            uint64_t wake[7] = {moat_time() + 20 + pick(500)};
            sys(SYS_ALARM, wake); // ends the wait if nothing else does
        }
        break;
    case SYS_PD_CTL:
        if (pick(2))
            a[0] = pick(4) ? (pick(2) ? VICTIM_ID : CALLEE_ID) : PD_CTL_SELF;
        if (pick(2))
            a[1] = pick(5);
        if (a[0] == PD_CTL_SELF && a[1] == PD_CTL_RESET)
            a[1] = PD_CTL_STOP; // a reset of itself would start the run again (E_INVAL)
        break;
    case SYS_IPC:
        if (pick(4))
            a[0] = pick(5);
        if (a[0] == IPC_DISCOVER)
            a[1] = put_name();
        else if (a[0] != IPC_SHARE || pick(2))
            a[1] = pick(2) ? svc : a[1];
        if (a[0] == IPC_SHARE && pick(2))
            a[3] = pick(PAGE_SIZE + 2);
        break;
    case SYS_ALARM:
        if (pick(2))
            a[0] = moat_time() + pick(10000);
        break;
    case SYS_WAIT: // honest's notification, every 100 us, ends a wait
        if (pick(2))
            a[0] = CAP_MK_INPUT;
        if (pick(2))
            a[1] = pick(3);
        break;
    case SYS_CAP:
        if (pick(4)) // slots 1..4 are in its cspace; children 3 and 4 are its own
            a[0] = pick(2) ? (uint64_t)pick(6) << CAP_ROOT_SHIFT : CAP_MK_TCB + pick(6);
        if (pick(4))
            a[1] = pick(3);
        if (a[0] == CAP_MK_SELF) // its own thread, in the benchmark kernel: no self-suspend
            a[0] = CAP_MK_TCB;
        break;
    case SYS_CONSOLE_READ: // no input comes: 0 bytes, or an error
        if (pick(2))
            a[0] = pick(CONSOLE_READ_MAX + 2);
        if (pick(2))
            a[1] = pick(3);
        break;
    case SYS_BENCH:
        if (pick(4))
            a[0] = pick(5);
        if (pick(2))
            a[1] = pick(2) ? TCB_CAP : BASE_TCB_CAP + pick(4); // itself, its children, none
        break;
    }
    long ret = (long)sys(nr, a);
    if (ret > 0 || ret <= -NERR) {
        failure(i, nr, ret);
        return;
    }
    res->by_err[-ret]++;
    // E_NOSYS exactly for numbers that are not system calls of this kernel:
    // SYS_BENCH is the benchmark kernel's only, SYS_DEBUG_DUMP is none in
    // release (it is never made: see above).
    if ((ret == E_NOSYS) != (nr >= SYS_COUNT || (nr == SYS_BENCH && !BENCH_KERNEL)))
        failure(i, nr, ret);
    if (ret == E_OK && (nr == SYS_RECV || nr == SYS_REPLY_RECV || (nr == SYS_POLL && a[6]))) {
        res->events++;
        if ((a[6] & BADGE_EVENT) == BADGE_FAULT)
            res->child_faults++;
    }
}

void
init(void)
{
    uint64_t last_trips = 0, last_time;

    pg = (const struct progress *)progress_vaddr;
    res = (struct results *)results_vaddr;
    res->seed = FUZZ_SEED;
    res->calls = FUZZ_CALLS;
    rng = FUZZ_SEED ^ 0x9e3779b97f4a7c15UL;
    if (!rng)
        rng = 1;
    if (moat_ipc_discover(SVC_NAME, &svc, NULL) != E_OK)
        svc = 0x101; // (then the run fails: honest needs it too)
    last_time = moat_time();
    for (uint64_t i = 0; i < FUZZ_CALLS; i++) {
        one_call(i);
        res->done = i + 1;
        if (i % 1000 == 0) {
            uint64_t now = moat_time(), trips = pg->trips;
            if (trips != last_trips) {
                last_trips = trips;
                last_time = now;
            } else if (now - last_time > STALL) {
                moat_dbg_puts("FAIL fuzz: honest made no round trip in 5 ms, at call ");
                put_dec((long)i);
                moat_dbg_puts("\n");
                moat_dbg_halt(1);
                break;
            }
        }
    }
    // honest prints the summary at its next tick.
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo)
{
    (void)child;
    (void)msginfo;
    (void)reply_msginfo;
    return seL4_False;
}
