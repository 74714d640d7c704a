// SPDX-License-Identifier: BSD-2-Clause
//
// A libtock-c runtime on moat: start-up's end (what follows main), TRD 104's
// system calls served in the library by the drivers of driver.h, the
// yields and the queue of pending upcalls, exit, and libtock-c's conversion
// helpers. The drivers turn moat's events (alarm, services) into upcalls
// through tock_schedule; only the yields run them.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <moat.h>

#include "driver.h"

static const struct tock_driver *const drivers[] = {
    &tock_alarm_driver,
    &tock_console_driver,
    &tock_ipc_driver,
};

static const struct tock_driver *
driver(uint32_t num)
{
    for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++) {
        if (drivers[i]->num == num)
            return drivers[i];
    }
    return tock_pd_driver(num);
}

// --- pending upcalls -----------------------------------------------------------
// Scheduled upcalls wait here, oldest first, with the function and userdata
// their slot held when they were scheduled (as Tock's task queue has them).
// Libtock-c's own queue holds 16.

#define QUEUE_LEN 16

struct task {
    struct tock_upcall *slot;
    struct tock_upcall call;
    int arg[3];
};

static struct task queue[QUEUE_LEN];
static unsigned queued;

// A restarted PD keeps its memory: nothing of the old run may be pending.
__attribute__((constructor)) static void
queue_restart(void)
{
    queued = 0;
}

static void
dequeue(unsigned i)
{
    memmove(&queue[i], &queue[i + 1], (queued - i - 1) * sizeof(queue[0]));
    queued--;
}

void
tock_schedule(struct tock_upcall *u, int a0, int a1, int a2)
{
    // A full queue first gives up its oldest upcall that has no function
    // (one only a yield_wait_for could have taken); else the new one is
    // lost, as Tock loses upcalls beyond its queue.
    if (queued == QUEUE_LEN) {
        for (unsigned i = 0; i < queued; i++) {
            if (!queue[i].call.fn) {
                dequeue(i);
                break;
            }
        }
        if (queued == QUEUE_LEN)
            return;
    }
    queue[queued++] = (struct task){u, *u, {a0, a1, a2}};
}

bool
tock_scheduled(const struct tock_upcall *u)
{
    for (unsigned i = 0; i < queued; i++) {
        if (queue[i].slot == u)
            return true;
    }
    return false;
}

// Run the oldest pending upcall that has a function, dropping those before
// it that have none (yield discards those, as Tock's does). Kept service
// events whose upcall has since been subscribed are scheduled first.
static bool
run_one(void)
{
    if (moat_kept)
        moat_event_dispatch_kept();
    while (queued) {
        struct task t = queue[0];

        dequeue(0);
        if (t.call.fn) {
            t.call.fn(t.arg[0], t.arg[1], t.arg[2], t.call.ud);
            return true;
        }
    }
    return false;
}

int
tock_enqueue(subscribe_upcall cb, int arg0, int arg1, int arg2, void *ud)
{
    if (queued == QUEUE_LEN)
        return -1;
    queue[queued] = (struct task){NULL, {cb, ud}, {arg0, arg1, arg2}};
    return (int)queued++;
}

// Take the oldest pending upcall of slot u, if any, into *ret.
static bool
take(const struct tock_upcall *u, yield_waitfor_return_t *ret)
{
    if (moat_kept)
        moat_event_dispatch_kept();
    for (unsigned i = 0; i < queued; i++) {
        if (queue[i].slot == u) {
            *ret = (yield_waitfor_return_t){(uint32_t)queue[i].arg[0], (uint32_t)queue[i].arg[1],
                                            (uint32_t)queue[i].arg[2]};
            dequeue(i);
            return true;
        }
    }
    return false;
}

// Take moat events and hand them to the drivers (which schedule their
// upcalls, or keep a service event nobody has subscribed to yet) until one
// brings an upcall: true then. Waits for them; or, with `poll`, takes only
// those already there, and is false once there are none.
static bool
next_event(bool poll)
{
    struct moat_event ev = {0};
    moat_word nr = poll ? SYS_POLL : SYS_RECV;

    for (;;) {
        long err = moat_sys_recv(nr, ACTION_NONE, &ev);

        nr = poll ? SYS_POLL : SYS_RECV;
        if (err)
            continue;
        if (ev.badge == 0)
            return false; // polled, and nothing was there
        if ((ev.badge & BADGE_EVENT) == BADGE_EVENT) {
            moat_event_dispatch(ev.badge, ev.mr[0], ev.mr[1], ev.mr[2]);
            return true;
        }
        if (ev.badge & BADGE_PPC) {
            // A Tock program serves no calls: answer with an empty reply so
            // the caller is not left waiting. The reply comes with a wait
            // (SYS_REPLY_RECV), even when polling: moat has no reply that
            // polls.
            ev.tag = 0;
            nr = SYS_REPLY_RECV;
        }
        // A child's fault (BADGE_FAULT) is declined by waiting again: the
        // child stays stopped. Tock programs have no children.
        // A notification from a driver's PD brings its upcalls; other
        // Microkit notifications have no meaning here and are dropped.
        if (!(ev.badge & (BADGE_PPC | BADGE_FAULT))) {
            bool any = false;
            for (unsigned ch = 0; ch < MOAT_MAX_CHANNELS; ch++) {
                if (ev.badge >> ch & 1)
                    any |= tock_pd_notified(ch);
            }
            if (any)
                return true;
        }
    }
}

// --- yields --------------------------------------------------------------------

void
yield(void)
{
    while (!run_one())
        next_event(false);
}

void
yield_for(bool *cond)
{
    while (!*cond)
        yield();
}

int
yield_check_tasks(void)
{
    return run_one();
}

int
yield_no_wait(void)
{
    if (run_one())
        return 1;
    tock_alarm_poll();
    while (next_event(true)) {
        if (run_one())
            return 1;
    }
    return run_one();
}

yield_waitfor_return_t
yield_wait_for(uint32_t driver_num, uint32_t sub)
{
    const struct tock_driver *d = driver(driver_num);
    const struct tock_upcall *u = d ? d->upcall(d, sub) : NULL;
    yield_waitfor_return_t ret;

    // An upcall that does not exist never comes: this waits for good, as
    // Tock's does.
    while (!u || !take(u, &ret))
        next_event(false);
    return ret;
}

// --- the system calls ----------------------------------------------------------

syscall_return_t
command(uint32_t driver_num, uint32_t cmd, int arg1, int arg2)
{
    const struct tock_driver *d = driver(driver_num);

    if (!d)
        return tock_failure(TOCK_STATUSCODE_NODEVICE);
    return d->command(d, cmd, arg1, arg2);
}

subscribe_return_t
subscribe(uint32_t driver_num, uint32_t sub, subscribe_upcall uc, void *userdata)
{
    const struct tock_driver *d = driver(driver_num);
    struct tock_upcall *u = d ? d->upcall(d, sub) : NULL;

    if (!u) {
        statuscode_t s = d ? TOCK_STATUSCODE_NOSUPPORT : TOCK_STATUSCODE_NODEVICE;
        return (subscribe_return_t){false, uc, userdata, s};
    }
    struct tock_upcall old = *u;
    u->fn = uc;
    u->ud = userdata;
    // A new subscription cancels the upcalls still pending for the old one.
    for (unsigned i = 0; i < queued;) {
        if (queue[i].slot == u)
            dequeue(i);
        else
            i++;
    }
    if (d->subscribed)
        d->subscribed(d, sub, u);
    return (subscribe_return_t){true, old.fn, old.ud, TOCK_STATUSCODE_SUCCESS};
}

// An allow on slot b of driver d (b NULL: no such allow): swap the buffer,
// returning the old one; a failure returns the one passed.
static bool
allow(const struct tock_driver *d, struct tock_buffer *b, uint32_t n, void *ptr, size_t size,
      bool rw, struct tock_buffer *ret, statuscode_t *status)
{
    *ret = (struct tock_buffer){ptr, size};
    *status = d ? TOCK_STATUSCODE_NOSUPPORT : TOCK_STATUSCODE_NODEVICE;
    if (!b)
        return false;
    *status = d->share ? d->share(d, rw, n, ptr, size) : TOCK_STATUSCODE_SUCCESS;
    if (*status != TOCK_STATUSCODE_SUCCESS)
        return false;
    *ret = *b;
    *b = (struct tock_buffer){ptr, size};
    return true;
}

allow_rw_return_t
allow_readwrite(uint32_t driver_num, uint32_t n, void *ptr, size_t size)
{
    const struct tock_driver *d = driver(driver_num);
    struct tock_buffer old;
    statuscode_t s;
    bool ok = allow(d, d && d->rw ? d->rw(d, n) : NULL, n, ptr, size, true, &old, &s);

    return (allow_rw_return_t){ok, old.ptr, old.size, s};
}

allow_ro_return_t
allow_readonly(uint32_t driver_num, uint32_t n, const void *ptr, size_t size)
{
    const struct tock_driver *d = driver(driver_num);
    struct tock_buffer old;
    statuscode_t s;
    // The slot keeps the pointer without const; the drivers only read it.
    bool ok = allow(d, d && d->ro ? d->ro(d, n) : NULL, n, (void *)(uintptr_t)ptr, size, false,
                    &old, &s);

    return (allow_ro_return_t){ok, old.ptr, old.size, s};
}

// No driver here shares a buffer the program may read while the driver
// writes it.
allow_userspace_r_return_t
allow_userspace_read(uint32_t driver_num, uint32_t n, void *ptr, size_t size)
{
    const struct tock_driver *d = driver(driver_num);
    struct tock_buffer old;
    statuscode_t s;
    bool ok = allow(d, NULL, n, ptr, size, false, &old, &s);

    return (allow_userspace_r_return_t){ok, old.ptr, old.size, s};
}

// The program's layout, from libtock.ld.
extern char __tock_flash_start[], __tock_flash_end[], __tock_ram_start[], __tock_ram_end[];

memop_return_t
memop(uint32_t op_type, int arg1)
{
    char *const at[] = {[2] = __tock_ram_start, [3] = __tock_ram_end, [4] = __tock_flash_start,
                        [5] = __tock_flash_end};

    (void)arg1;
    if (op_type < 2 || op_type > 5)
        return (memop_return_t){TOCK_STATUSCODE_NOSUPPORT, 0};
    return (memop_return_t){TOCK_STATUSCODE_SUCCESS, (uint32_t)(uintptr_t)at[op_type]};
}

static void *
memop_address(uint32_t op_type, int arg1)
{
    memop_return_t r = memop(op_type, arg1);

    return r.status == TOCK_STATUSCODE_SUCCESS ? (void *)(uintptr_t)r.data : NULL;
}

void *
tock_app_memory_begins_at(void)
{
    return memop_address(2, 0);
}

void *
tock_app_memory_ends_at(void)
{
    return memop_address(3, 0);
}

void *
tock_app_flash_begins_at(void)
{
    return memop_address(4, 0);
}

void *
tock_app_flash_ends_at(void)
{
    return memop_address(5, 0);
}

void *
tock_app_grant_begins_at(void)
{
    return memop_address(6, 0);
}

int
tock_app_number_writeable_flash_regions(void)
{
    memop_return_t r = memop(7, 0);

    return r.status == TOCK_STATUSCODE_SUCCESS ? (int)r.data : 0;
}

void *
tock_app_writeable_flash_region_begins_at(int region_index)
{
    return memop_address(8, region_index);
}

void *
tock_app_writeable_flash_region_ends_at(int region_index)
{
    return memop_address(9, region_index);
}

bool
driver_exists(uint32_t driver_num)
{
    syscall_return_t r = command(driver_num, 0, 0, 0);

    return r.type >= TOCK_SYSCALL_SUCCESS;
}

// --- conversions ---------------------------------------------------------------

int
tock_status_to_returncode(statuscode_t status)
{
    return -(int)status;
}

int
tock_command_return_novalue_to_returncode(syscall_return_t ret)
{
    if (ret.type == TOCK_SYSCALL_SUCCESS)
        return RETURNCODE_SUCCESS;
    if (ret.type == TOCK_SYSCALL_FAILURE)
        return tock_status_to_returncode((statuscode_t)ret.data[0]);
    return RETURNCODE_EBADRVAL;
}

int
tock_command_return_u32_to_returncode(syscall_return_t ret, uint32_t *val)
{
    if (ret.type == TOCK_SYSCALL_SUCCESS_U32) {
        *val = ret.data[0];
        return RETURNCODE_SUCCESS;
    }
    if (ret.type == TOCK_SYSCALL_FAILURE)
        return tock_status_to_returncode((statuscode_t)ret.data[0]);
    return RETURNCODE_EBADRVAL;
}

int
tock_subscribe_return_to_returncode(subscribe_return_t ret)
{
    return ret.success ? RETURNCODE_SUCCESS : tock_status_to_returncode(ret.status);
}

int
tock_allow_rw_return_to_returncode(allow_rw_return_t ret)
{
    return ret.success ? RETURNCODE_SUCCESS : tock_status_to_returncode(ret.status);
}

int
tock_allow_ro_return_to_returncode(allow_ro_return_t ret)
{
    return ret.success ? RETURNCODE_SUCCESS : tock_status_to_returncode(ret.status);
}

int
tock_allow_userspace_r_return_to_returncode(allow_userspace_r_return_t ret)
{
    return ret.success ? RETURNCODE_SUCCESS : tock_status_to_returncode(ret.status);
}

const char *
tock_strerr(statuscode_t status)
{
    return tock_strrcode((returncode_t)tock_status_to_returncode(status));
}

const char *
tock_strrcode(returncode_t returncode)
{
    switch (returncode) {
    case RETURNCODE_SUCCESS:
        return "Success";
    case RETURNCODE_FAIL:
        return "Unknown Error";
    case RETURNCODE_EBUSY:
        return "Underlying system is busy; retry";
    case RETURNCODE_EALREADY:
        return "The state requested is already set";
    case RETURNCODE_EOFF:
        return "The component is powered down";
    case RETURNCODE_ERESERVE:
        return "Reservation required before use";
    case RETURNCODE_EINVAL:
        return "An invalid parameter was passed";
    case RETURNCODE_ESIZE:
        return "Parameter passed was too large";
    case RETURNCODE_ECANCEL:
        return "Operation cancelled by a call";
    case RETURNCODE_ENOMEM:
        return "Memory required not available";
    case RETURNCODE_ENOSUPPORT:
        return "Operation or command is unsupported";
    case RETURNCODE_ENODEVICE:
        return "Device does not exist";
    case RETURNCODE_EUNINSTALLED:
        return "Device is not physically installed";
    case RETURNCODE_ENOACK:
        return "Packet transmission not acknowledged";
    case RETURNCODE_EBADRVAL:
        return "Invalid SyscallReturn variant";
    }
    return "Invalid error number";
}

void
tock_expect(int expected, int actual, const char *file, unsigned line)
{
    if (expected == actual)
        return;
    printf("Expectation failure in \"%s\" at line %u\n", file, line);
    printf("Expected value: %d\n", expected);
    printf(" But got value: %d (possible error: %s)\n", actual,
           tock_strrcode((returncode_t)actual));
    exit(1);
}

returncode_t
tock_moat_to_returncode(long err)
{
    switch (err) {
    case E_OK:
        return RETURNCODE_SUCCESS;
    case E_NOENT:
    case E_STALE:
    case E_DEAD:
        return RETURNCODE_ENODEVICE;
    case E_RANGE:
        return RETURNCODE_ESIZE;
    case E_INVAL:
    case E_PERM:
        return RETURNCODE_EINVAL;
    default:
        return RETURNCODE_FAIL;
    }
}

// --- start-up and exit ---------------------------------------------------------

void tock_constructors(void);

// The tool patches microkit_name into every PD program (lib/globals.c);
// name it here so that a libtock program links it whatever else it uses.
__attribute__((used)) static char *const keep_name = microkit_name;

extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

void
tock_constructors(void)
{
    for (void (**f)(void) = __init_array_start; f < __init_array_end; f++)
        (*f)();
}

// moat has no call by which any PD stops itself (a parent stops its child;
// a <cspace> TCB capability is the description's choice), so the program
// ends with a breakpoint: a PD without a parent is then stopped for good
// (calls to it fail, IPC to it is ENODEVICE), and a child's parent hears of
// its fault and may restart it. A debug kernel reports the fault, with the
// completion code in a0. If a parent resumes it, it ends again.
void
tock_exit(uint32_t completion_code)
{
    register moat_word a0 __asm__("a0") = completion_code;

    for (;;)
        __asm__ volatile("ebreak" : : "r"(a0) : "memory");
}

static bool
live(void)
{
    for (unsigned i = 0; i < queued; i++) {
        if (queue[i].call.fn)
            return true;
    }
    for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++) {
        if (drivers[i]->live(drivers[i]))
            return true;
    }
    for (unsigned i = 0; tock_pd_driver_at(i); i++) {
        if (tock_pd_driver_at(i)->live(tock_pd_driver_at(i)))
            return true;
    }
    return false;
}

// main returned `code` (start.S). libtock-c's crt0 yielded forever after
// main for years, and its services (rot13_service, ...) return from main
// once registered; today's ends the process instead. Here the program goes
// on running its upcalls while any may still come, and ends (tock_exit with
// main's value) once none may: what yielding forever would leave is a
// program that can never run again.
void tock_main_returned(int code);

void
tock_main_returned(int code)
{
    for (;;) {
        if (!live())
            tock_exit((uint32_t)code);
        yield();
    }
}

// picolibc's exit() (after its atexit handlers) and abort() end here.
void _exit(int code);

void
_exit(int code)
{
    tock_exit((uint32_t)code);
}

// picolibc's raise() (abort's first step) delivers a signal with no
// handler by kill(getpid(), sig): a program is its only process, and such
// a signal ends it, with 128 + sig as a shell would report it.
pid_t
getpid(void)
{
    return 1;
}

int kill(pid_t pid, int sig);

int
kill(pid_t pid, int sig)
{
    if (pid != getpid()) {
        errno = ESRCH;
        return -1;
    }
    tock_exit((uint32_t)(128 + sig));
}
