// SPDX-License-Identifier: BSD-2-Clause
//
// A libtock-c runtime on moat: start-up (_tock_start in start.S calls
// main(), then yields forever, as libtock-c's crt0 once did, so a service
// may return from main after registering), yield, IPC, the delay, and
// picolibc's stdout over the debug console.
#include <stdio.h>

#include <libtock-sync/services/alarm.h>
#include <libtock/kernel/ipc.h>
#include <libtock/tock.h>
#include <moat.h>

// --- yield ---------------------------------------------------------------------

void
yield(void)
{
    struct moat_event ev = {0};
    moat_word nr = SYS_RECV;

    if (moat_kept && moat_event_dispatch_kept())
        return;
    for (;;) {
        long err = moat_sys_recv(nr, ACTION_NONE, &ev);

        nr = SYS_RECV;
        if (err)
            continue;
        if ((ev.badge & BADGE_EVENT) == BADGE_EVENT) {
            if (moat_event_dispatch(ev.badge, ev.mr[0], ev.mr[1], ev.mr[2]))
                return;
        } else if (ev.badge & BADGE_PPC) {
            // A Tock program serves no calls: answer with an empty reply so
            // the caller is not left waiting.
            ev.tag = 0;
            nr = SYS_REPLY_RECV;
        }
        // A child's fault (BADGE_FAULT) is declined by waiting again: the
        // child stays stopped. Tock programs have no children.
        // Microkit notifications have no meaning here and are dropped.
    }
}

void
yield_for(bool *cond)
{
    while (!*cond)
        yield();
}

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

void tock_main_returned(void);

void
tock_main_returned(void)
{
    for (;;)
        yield();
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

// --- IPC -----------------------------------------------------------------------

struct upcall {
    subscribe_upcall *fn;
    void *ud;
};

static struct upcall service_upcall, client_upcall[MOAT_MAX_PDS];

static void
trampoline(size_t peer, size_t len, void *buf, void *ud)
{
    const struct upcall *u = ud;

    u->fn((int)peer, (int)len, (int)(uintptr_t)buf, u->ud);
}

int
ipc_discover(const char *pkg_name, size_t *svc_id)
{
    return tock_moat_to_returncode(moat_ipc_discover(pkg_name, svc_id, NULL));
}

int
ipc_register_service_callback(const char *pkg_name, subscribe_upcall callback, void *ud)
{
    size_t id;
    bool own = false;

    if (moat_ipc_discover(pkg_name, &id, &own) || !own)
        return RETURNCODE_ENODEVICE;
    service_upcall.fn = callback;
    service_upcall.ud = ud;
    return tock_moat_to_returncode(
        moat_ipc_on_service(callback ? trampoline : NULL, &service_upcall));
}

int
ipc_register_client_callback(size_t svc_id, subscribe_upcall callback, void *ud)
{
    int i = moat_ipc_index(svc_id);

    if (i < 0)
        return RETURNCODE_EINVAL;
    client_upcall[i].fn = callback;
    client_upcall[i].ud = ud;
    return tock_moat_to_returncode(
        moat_ipc_on_client(svc_id, callback ? trampoline : NULL, &client_upcall[i]));
}

int
ipc_notify_client(size_t pid)
{
    return tock_moat_to_returncode(moat_ipc_notify_client(pid));
}

int
ipc_notify_service(size_t pid)
{
    return tock_moat_to_returncode(moat_ipc_notify_service(pid));
}

int
ipc_share(size_t pid, void *base, int len)
{
    if (len < 0)
        return RETURNCODE_EINVAL;
    return tock_moat_to_returncode(moat_ipc_share(pid, base, (size_t)len));
}

// --- alarm ---------------------------------------------------------------------

static void
set_flag(void *flag)
{
    *(bool *)flag = true;
}

returncode_t
libtocksync_alarm_delay_ms(uint32_t ms)
{
    static bool fired;

    fired = false;
    moat_alarm_set(moat_time() + (uint64_t)ms * (MOAT_TIME_HZ / 1000) + 1, set_flag, &fired);
    yield_for(&fired);
    return RETURNCODE_SUCCESS;
}

// --- console -------------------------------------------------------------------

static int
console_put(char c, FILE *f)
{
    (void)f;
    moat_dbg_putc(c); // the program's console: in release too
    return (unsigned char)c;
}

static FILE console = FDEV_SETUP_STREAM(console_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &console;
FILE *const stderr = &console;

// picolibc's exit() ends here: stop doing anything but serve callbacks.
void _exit(int code);

void
_exit(int code)
{
    (void)code;
    tock_main_returned();
    __builtin_unreachable();
}
