// SPDX-License-Identifier: BSD-2-Clause
//
// The driver side of Tock drivers served by PDs (tockdrv.h): protected()
// decodes a client's calls on its channel (moat/tockdrv.h) and keeps, per
// client, its allowed buffer and its queue of upcalls.
#include <tockdrv.h>

#include <moat.h>

// Patched by the tool: this PD's driver number and its clients by channel.
struct tockdrv_clients __moat_tockdrv;

// What a client allowed: one buffer at a time, as the kernel shares one
// buffer per (client, service) pair (the client's library refuses a second).
struct allowed {
    bool rw;
    uint32_t num;
    size_t len; // 0: none
    void *buf;
};

struct queued {
    uint32_t sub, a[3];
};

static struct allowed allowed[MOAT_MAX_CHANNELS];
static struct queued queue[MOAT_MAX_CHANNELS][TOCKDRV_QUEUE];
static uint8_t qhead[MOAT_MAX_CHANNELS], qlen[MOAT_MAX_CHANNELS];

uint32_t
tockdrv_num(void)
{
    return __moat_tockdrv.num;
}

bool
tockdrv_is_client(unsigned ch)
{
    return ch < MOAT_MAX_CHANNELS && __moat_tockdrv.client[ch] != 0;
}

void *
tockdrv_buffer(unsigned client, bool rw, uint32_t num, size_t *len)
{
    const struct allowed *a = tockdrv_is_client(client) ? &allowed[client] : NULL;

    if (!a || !a->len || a->rw != rw || a->num != num)
        return NULL;
    *len = a->len;
    return a->buf;
}

bool
tockdrv_upcall(unsigned client, uint32_t sub, uint32_t a0, uint32_t a1, uint32_t a2)
{
    if (!tockdrv_is_client(client) || qlen[client] == TOCKDRV_QUEUE)
        return false;
    queue[client][(qhead[client] + qlen[client]) % TOCKDRV_QUEUE] =
        (struct queued){sub, {a0, a1, a2}};
    if (qlen[client]++ == 0)
        microkit_notify(client); // one notification for a queue: the client fetches them all
    return true;
}

// The client's window onto the buffer it shared with this PD: the
// window's start (abi.h) plus the buffer's offset in its page.
static void *
window(unsigned client, uint32_t offset)
{
    unsigned index = __moat_tockdrv.client[client] - 1u;

    return (void *)(USER_IPC_WINDOW + (uintptr_t)index * IPC_WINDOW_PAGES * PAGE_SIZE + offset);
}

static microkit_msginfo
allow(unsigned client, bool rw)
{
    uint32_t num = (uint32_t)microkit_mr_get(0), offset = (uint32_t)microkit_mr_get(1);
    size_t len = microkit_mr_get(2);

    if (offset >= PAGE_SIZE || len > IPC_SHARE_MAX)
        return microkit_msginfo_new(TOCKDRV_EINVAL, 0);
    allowed[client] = (struct allowed){rw, num, len, len ? window(client, offset) : NULL};
    return microkit_msginfo_new(0, 0);
}

static microkit_msginfo
upcalls(unsigned client)
{
    unsigned n = 0;

    while (qlen[client] && n < TOCKDRV_UPCALLS_MAX) {
        const struct queued *q = &queue[client][qhead[client]];
        microkit_mr_set(4 * n, q->sub);
        for (unsigned k = 0; k < 3; k++)
            microkit_mr_set(4 * n + 1 + k, q->a[k]);
        qhead[client] = (uint8_t)((qhead[client] + 1) % TOCKDRV_QUEUE);
        qlen[client]--;
        n++;
    }
    if (qlen[client]) // more than one call's worth: the client fetches again
        microkit_notify(client);
    return microkit_msginfo_new(n, 4 * n);
}

// A driver with no per-client state of its own needs no tockdrv_forget.
__attribute__((weak)) void
tockdrv_forget(unsigned client)
{
    (void)client;
}

microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    if (!tockdrv_is_client(ch)) // the tool gives a driver PD no other callers
        return microkit_msginfo_new(TOCKDRV_FAILURE, 1);
    switch (microkit_msginfo_get_label(msginfo)) {
    case TOCKDRV_COMMAND: {
        struct tockdrv_ret r = tockdrv_command(ch, (uint32_t)microkit_mr_get(0),
                                               (uint32_t)microkit_mr_get(1),
                                               (uint32_t)microkit_mr_get(2));
        for (unsigned k = 0; k < 3; k++)
            microkit_mr_set(k, r.data[k]);
        return microkit_msginfo_new(r.variant, 3);
    }
    case TOCKDRV_ALLOW_RW:
        return allow(ch, true);
    case TOCKDRV_ALLOW_RO:
        return allow(ch, false);
    case TOCKDRV_UPCALLS:
        return upcalls(ch);
    case TOCKDRV_HELLO:
        allowed[ch] = (struct allowed){0};
        qlen[ch] = 0;
        tockdrv_forget(ch);
        return microkit_msginfo_new(0, 0);
    default:
        microkit_mr_set(0, TOCKDRV_ENOSUPPORT);
        return microkit_msginfo_new(TOCKDRV_FAILURE, 1);
    }
}
