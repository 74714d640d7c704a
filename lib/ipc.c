// SPDX-License-Identifier: BSD-2-Clause
//
// The PD side of Tock-style services and the alarm: system-call wrappers,
// the callback tables, and the events kept while no callback is registered
// (the kernel hands each event over once; this is where it waits). Events of
// one kind from one peer coalesce here as in the kernel.
#include "moat.h"

struct callback {
    moat_ipc_callback cb;
    void *ud;
};

static struct callback service_cb;                // clients of this PD's service
static struct callback client_cb[MOAT_MAX_PDS];   // by service index
static void (*alarm_cb)(void *);
static void *alarm_ud;
static void (*console_cb)(void *);
static void *console_ud;

// Events taken from the kernel with no callback yet, by peer index.
static uint64_t kept_bits[2]; // by kind (EVENT_IPC_SERVICE, EVENT_IPC_CLIENT)
uint64_t moat_kept;           // kept_bits[0] | kept_bits[1]
static struct {
    size_t id, len;
    void *buf;
} kept[2][MOAT_MAX_PDS];

// A PD restarted by its parent (microkit_pd_restart) runs from its entry
// point again with its memory as it was, this file's included. The kernel has
// dropped every event of the old incarnation and revoked what was shared with
// it, so nothing kept or registered then may survive: a kept service event
// would hand the new incarnation a window that is no longer there. Runs
// before init(): main.c runs the constructors; libtock's start.S calls it.
void moat_ipc_restart(void);

__attribute__((constructor)) void
moat_ipc_restart(void)
{
    service_cb = (struct callback){0};
    for (unsigned i = 0; i < MOAT_MAX_PDS; i++)
        client_cb[i] = (struct callback){0};
    alarm_cb = NULL;
    alarm_ud = NULL;
    console_cb = NULL;
    console_ud = NULL;
    kept_bits[0] = kept_bits[1] = moat_kept = 0;
}

static long
sys_ipc(moat_word op, moat_word a1, moat_word a2, moat_word a3, moat_word *r1, moat_word *r2)
{
    register moat_word a0 __asm__("a0") = op;
    register moat_word x1 __asm__("a1") = a1;
    register moat_word x2 __asm__("a2") = a2;
    register moat_word x3 __asm__("a3") = a3;
    register moat_word a7 __asm__("a7") = SYS_IPC;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(a7)
                     :
                     : "a4", "a5", "a6", MOAT_CLOBBERS);
    if (r1)
        *r1 = x1;
    if (r2)
        *r2 = x2;
    return (long)a0;
}

long
moat_ipc_discover(const char *name, size_t *id, bool *own)
{
    char *dst = (char *)seL4_GetIPCBuffer()->msg;
    moat_word len = 0, r1, r2;

    while (name[len] && len <= MOAT_NAME_LEN)
        len++;
    if (len > MOAT_NAME_LEN)
        return E_RANGE;
    for (moat_word i = 0; i < len; i++)
        dst[i] = name[i];
    long err = sys_ipc(IPC_DISCOVER, len, 0, 0, &r1, &r2);
    if (err)
        return err;
    *id = r1;
    if (own)
        *own = r2 != 0;
    return E_OK;
}

long
moat_ipc_notify_service(size_t id)
{
    return sys_ipc(IPC_NOTIFY_SERVICE, id, 0, 0, NULL, NULL);
}

long
moat_ipc_notify_client(size_t id)
{
    return sys_ipc(IPC_NOTIFY_CLIENT, id, 0, 0, NULL, NULL);
}

long
moat_ipc_share(size_t id, void *base, size_t len)
{
    return sys_ipc(IPC_SHARE, id, (moat_word)base, len, NULL, NULL);
}

long
moat_ipc_on_service(moat_ipc_callback cb, void *ud)
{
    service_cb.cb = cb;
    service_cb.ud = ud;
    return E_OK;
}

long
moat_ipc_on_client(size_t id, moat_ipc_callback cb, void *ud)
{
    int i = moat_ipc_index(id);

    if (i < 0)
        return E_NOENT;
    client_cb[i].cb = cb;
    client_cb[i].ud = ud;
    return E_OK;
}

void
moat_alarm_set(uint64_t deadline, void (*cb)(void *), void *ud)
{
    alarm_cb = cb;
    alarm_ud = ud;
    moat_sys1(SYS_ALARM, deadline);
}

long
moat_console_read(char *buf, size_t n, void (*cb)(void *), void *ud)
{
    register moat_word a0 __asm__("a0") = n;
    register moat_word a1 __asm__("a1") = cb != NULL;
    register moat_word a7 __asm__("a7") = SYS_CONSOLE_READ;

    if (cb) {
        console_cb = cb;
        console_ud = ud;
    }
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a7)
                     :
                     : "a2", "a3", "a4", "a5", "a6", MOAT_CLOBBERS);
    if (a0 != E_OK)
        return (long)a0;
    const char *in = (const char *)seL4_GetIPCBuffer() + IPCBUF_MR_OFFSET;
    for (moat_word i = 0; i < a1; i++)
        buf[i] = in[i];
    return (long)a1;
}

static struct callback *
callback_for(int kind, size_t index)
{
    return kind == EVENT_IPC_SERVICE ? &service_cb : &client_cb[index];
}

static void
set_kept(int kind, size_t i, bool on)
{
    if (on)
        kept_bits[kind] |= 1UL << i;
    else
        kept_bits[kind] &= ~(1UL << i);
    moat_kept = kept_bits[0] | kept_bits[1];
}

bool
moat_event_dispatch(moat_word badge, moat_word id, moat_word len, moat_word addr)
{
    int kind = (int)(badge & 0xff);

    if (kind == EVENT_ALARM) {
        if (!alarm_cb)
            return false;
        alarm_cb(alarm_ud);
        return true;
    }
    if (kind == EVENT_CONSOLE) {
        void (*cb)(void *) = console_cb;

        console_cb = NULL; // one event per request
        if (!cb)
            return false;
        cb(console_ud);
        return true;
    }
    if (kind != EVENT_IPC_SERVICE && kind != EVENT_IPC_CLIENT)
        return false;
    size_t i = IPC_ID_INDEX(id);
    void *buf = (void *)addr;
    struct callback *c = callback_for(kind, i);
    if (!c->cb) {
        kept[kind][i].id = id;
        kept[kind][i].len = len;
        kept[kind][i].buf = buf;
        set_kept(kind, i, true);
        return false;
    }
    set_kept(kind, i, false); // this event supersedes one kept from the same peer
    c->cb(id, len, buf, c->ud);
    return true;
}

bool
moat_event_dispatch_kept(void)
{
    for (int kind = EVENT_IPC_SERVICE; kind <= EVENT_IPC_CLIENT; kind++) {
        uint64_t bits = kept_bits[kind];

        for (size_t i = 0; bits; i++, bits >>= 1) {
            struct callback *c = callback_for(kind, i);

            if (!(bits & 1) || !c->cb)
                continue;
            set_kept(kind, i, false);
            c->cb(kept[kind][i].id, kept[kind][i].len, kept[kind][i].buf, c->ud);
            return true;
        }
    }
    return false;
}
