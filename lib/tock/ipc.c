// SPDX-License-Identifier: BSD-2-Clause
//
// Tock's IPC driver (driver 0x10000) on moat's services (moat.h), and
// libtock-c's IPC API over it, as libtock-c's is over Tock's. Where Tock
// numbers subscriptions and shares by process index, moat uses its opaque
// ids: the subscribe number of a service's own upcall is its own id (as
// Tock's is its own index), a client's upcall for service S is numbered S,
// and a client shares with S on allow number S. The upcall of a service or
// a client PD that has none subscribed is kept (lib/ipc.c) until one is.
#include <string.h>

#include <libtock/kernel/ipc.h>
#include <moat.h>

#include "driver.h"

static struct tock_upcall service_upcall, client_upcall[MOAT_MAX_PDS];
static struct tock_buffer name, shared[MOAT_MAX_PDS];
static uint32_t own_id; // this PD's service, once discovered (ids are never 0)

bool
tock_ipc_is_own(uint32_t id)
{
    return own_id && id == own_id;
}

// A notify's result as Tock's: an id that names no PD this one may reach is
// INVAL, as a Tock index with no process; a stopped or restarted peer
// NODEVICE, as a faulted or terminated Tock process.
static syscall_return_t
notify_result(long err)
{
    if (err == E_NOENT)
        return tock_failure(TOCK_STATUSCODE_INVAL);
    return err ? tock_failure(tock_moat_status(err)) : tock_success();
}

static syscall_return_t
ipc_command(const struct tock_driver *self, uint32_t cmd, int arg1, int arg2)
{
    (void)self;
    (void)arg2;
    switch (cmd) {
    case 0:
        return tock_success();
    case 1: { // discover the service named by read-only allow 0 (no NUL)
        char s[MOAT_NAME_LEN + 2];
        size_t id;
        bool own;

        if (name.size > MOAT_NAME_LEN)
            return tock_failure(TOCK_STATUSCODE_SIZE);
        memcpy(s, name.ptr ? name.ptr : "", name.size);
        s[name.size] = '\0';
        long err = moat_ipc_discover(s, &id, &own);
        if (err)
            return tock_failure(tock_moat_status(err));
        if (own)
            own_id = (uint32_t)id;
        return tock_success_u32((uint32_t)id);
    }
    case 2:
        return notify_result(moat_ipc_notify_service((uint32_t)arg1));
    case 3:
        return notify_result(moat_ipc_notify_client((uint32_t)arg1));
    default:
        return tock_failure(TOCK_STATUSCODE_NOSUPPORT);
    }
}

static struct tock_upcall *
ipc_slot(const struct tock_driver *self, uint32_t sub)
{
    int i = moat_ipc_index(sub);

    (void)self;
    if (tock_ipc_is_own(sub))
        return &service_upcall;
    return i < 0 ? NULL : &client_upcall[i];
}

static void
queue_event(size_t peer, size_t len, void *buf, void *slot)
{
    tock_schedule(slot, (int)peer, (int)len, (int)(uintptr_t)buf);
}

static void
ipc_subscribed(const struct tock_driver *self, uint32_t sub, const struct tock_upcall *u)
{
    moat_ipc_callback cb = u->fn ? queue_event : NULL;

    (void)self;
    if (u == &service_upcall)
        moat_ipc_on_service(cb, &service_upcall);
    else
        moat_ipc_on_client(sub, cb, (void *)u);
}

static struct tock_buffer *
ipc_rw(const struct tock_driver *self, uint32_t n)
{
    int i = moat_ipc_index(n);

    (void)self;
    return i < 0 ? NULL : &shared[i];
}

static struct tock_buffer *
ipc_ro(const struct tock_driver *self, uint32_t n)
{
    (void)self;
    return n == 0 ? &name : NULL;
}

static statuscode_t
ipc_share_buffer(const struct tock_driver *self, bool rw, uint32_t n, void *ptr, size_t size)
{
    (void)self;
    if (!rw) // read-only allow 0, the name to discover: the library's own
        return TOCK_STATUSCODE_SUCCESS;
    return tock_moat_status(moat_ipc_share(n, ptr, size));
}

static bool
ipc_live(const struct tock_driver *self)
{
    (void)self;
    if (service_upcall.fn)
        return true;
    for (unsigned i = 0; i < MOAT_MAX_PDS; i++) {
        if (client_upcall[i].fn)
            return true;
    }
    return false;
}

const struct tock_driver tock_ipc_driver = {
    .num = IPC_DRIVER_NUM,
    .command = ipc_command,
    .upcall = ipc_slot,
    .subscribed = ipc_subscribed,
    .rw = ipc_rw,
    .ro = ipc_ro,
    .share = ipc_share_buffer,
    .live = ipc_live,
};

// A restarted PD keeps its memory, and its ids have gone stale.
__attribute__((constructor)) static void
ipc_restart(void)
{
    service_upcall = (struct tock_upcall){0};
    name = (struct tock_buffer){0};
    for (unsigned i = 0; i < MOAT_MAX_PDS; i++) {
        client_upcall[i] = (struct tock_upcall){0};
        shared[i] = (struct tock_buffer){0};
    }
    own_id = 0;
}

// --- libtock-c's API -----------------------------------------------------------

int
ipc_discover(const char *pkg_name, size_t *svc_id)
{
    uint32_t id;
    int err = tock_allow_ro_return_to_returncode(
        allow_readonly(IPC_DRIVER_NUM, 0, pkg_name, strlen(pkg_name)));

    if (err != RETURNCODE_SUCCESS)
        return err;
    err = tock_command_return_u32_to_returncode(command(IPC_DRIVER_NUM, 1, 0, 0), &id);
    if (err != RETURNCODE_SUCCESS)
        return err;
    *svc_id = id;
    return RETURNCODE_SUCCESS;
}

int
ipc_register_service_callback(const char *pkg_name, subscribe_upcall callback, void *ud)
{
    size_t id;

    // Only this PD's own service takes a service upcall.
    if (ipc_discover(pkg_name, &id) != RETURNCODE_SUCCESS || !tock_ipc_is_own((uint32_t)id))
        return RETURNCODE_ENODEVICE;
    return tock_subscribe_return_to_returncode(
        subscribe(IPC_DRIVER_NUM, (uint32_t)id, callback, ud));
}

int
ipc_register_client_callback(size_t svc_id, subscribe_upcall callback, void *ud)
{
    if (moat_ipc_index(svc_id) < 0 || svc_id > UINT32_MAX)
        return RETURNCODE_EINVAL;
    return tock_subscribe_return_to_returncode(
        subscribe(IPC_DRIVER_NUM, (uint32_t)svc_id, callback, ud));
}

int
ipc_notify_service(size_t pid)
{
    return tock_command_return_novalue_to_returncode(command(IPC_DRIVER_NUM, 2, (int)pid, 0));
}

int
ipc_notify_client(size_t pid)
{
    return tock_command_return_novalue_to_returncode(command(IPC_DRIVER_NUM, 3, (int)pid, 0));
}

int
ipc_share(size_t pid, void *base, int len)
{
    if (len < 0 || pid > UINT32_MAX)
        return RETURNCODE_EINVAL;
    return tock_allow_rw_return_to_returncode(
        allow_readwrite(IPC_DRIVER_NUM, (uint32_t)pid, base, (size_t)len));
}
