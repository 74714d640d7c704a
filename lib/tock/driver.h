// SPDX-License-Identifier: BSD-2-Clause
//
// The boundary between lib/tock's system-call layer (tock.c: command,
// subscribe, the allows, the yields) and the drivers it serves in the
// library (alarm.c, console.c, ipc.c). A driver names its upcall and buffer
// slots; tock.c keeps what TRD 104 says of them (swap on subscribe and
// allow, pending upcalls run only in yield).
#pragma once

#include <libtock/tock.h>

struct tock_upcall {
    subscribe_upcall *fn;
    void *ud;
};

struct tock_buffer {
    void *ptr;
    size_t size;
};

// A driver's hooks get the driver itself, so that one set of hooks serves
// several drivers (the PD-served ones of pd_drivers.c).
struct tock_driver {
    uint32_t num;
    syscall_return_t (*command)(const struct tock_driver *self, uint32_t cmd, int arg1, int arg2);
    // The slot of subscribe number `sub`, or NULL if there is none
    // (NOSUPPORT). After a subscribe swaps it, subscribed() (if any) runs.
    struct tock_upcall *(*upcall)(const struct tock_driver *self, uint32_t sub);
    void (*subscribed)(const struct tock_driver *self, uint32_t sub, const struct tock_upcall *u);
    // The slots of read-write and read-only allow number n, or NULL (either
    // hook may be NULL: no such allows). share() (if any) must accept a
    // buffer before it is recorded; it returns a status code.
    struct tock_buffer *(*rw)(const struct tock_driver *self, uint32_t n);
    struct tock_buffer *(*ro)(const struct tock_driver *self, uint32_t n);
    statuscode_t (*share)(const struct tock_driver *self, bool rw, uint32_t n, void *ptr,
                          size_t size);
    // Whether an upcall may still come without the program doing anything
    // more (an armed alarm, a registered IPC callback): main's return ends
    // the program only once none may (tock.c, tock_main_returned).
    bool (*live)(const struct tock_driver *self);
};

extern const struct tock_driver tock_alarm_driver, tock_console_driver, tock_ipc_driver;

// The driver `num` a PD serves to this one (<tock_driver>, pd_drivers.c), or NULL.
const struct tock_driver *tock_pd_driver(uint32_t num);

// Every PD-served driver of this PD in turn: i from 0 until NULL.
const struct tock_driver *tock_pd_driver_at(unsigned i);

// A notification on channel ch: if a driver PD's (its upcalls are queued),
// schedule them and return true.
bool tock_pd_notified(unsigned ch);

// Queue the upcall of slot u with these values, to run in a later yield
// (or be returned by a yield_wait_for on it); a slot with no function
// queues it too, for yield_wait_for, and yield drops it.
void tock_schedule(struct tock_upcall *u, int a0, int a1, int a2);

// Whether an upcall of slot u is queued and not yet run or taken.
bool tock_scheduled(const struct tock_upcall *u);

// Deliver the alarm's upcall now if its time has come (yield_no_wait: at
// once, without the kernel's event).
void tock_alarm_poll(void);

// Whether id is this PD's own service (as found by an IPC discover).
bool tock_ipc_is_own(uint32_t id);

// Results.
static inline syscall_return_t
tock_success(void)
{
    return (syscall_return_t){TOCK_SYSCALL_SUCCESS, {0, 0, 0}};
}

static inline syscall_return_t
tock_success_u32(uint32_t v)
{
    return (syscall_return_t){TOCK_SYSCALL_SUCCESS_U32, {v, 0, 0}};
}

static inline syscall_return_t
tock_failure(statuscode_t s)
{
    return (syscall_return_t){TOCK_SYSCALL_FAILURE, {s, 0, 0}};
}

// A moat error (E_*) as a status code.
static inline statuscode_t
tock_moat_status(long err)
{
    return (statuscode_t)-tock_moat_to_returncode(err);
}
