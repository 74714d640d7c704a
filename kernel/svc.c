// SPDX-License-Identifier: BSD-2-Clause
//
// Tock-style services (the model of Tock's IPC driver, with its holes shut).
//
// Who provides which service, and who may use it, comes from the system
// description: a PD can neither claim a name nor reach a service it is not a
// client of. An id is (incarnation << 8 | index + 1): never 0, below 2^31,
// and stale once that PD restarts.
//
// Notifying sets one bit per (receiver, sender, direction); the receiver
// takes one event per wait, round robin over senders, so repeated notifies
// coalesce and none is lost. Nothing is dropped for want of a callback: that
// is the library's business, and it keeps events until one is registered.
//
// Sharing is Tock's: the service sees the client's buffer itself, at once
// and for as long as it is shared. Each (service, client) pair has a window
// in the service's space, below 2 GiB: two pages, which a share points at
// the client's pages that hold the buffer (the service sees those whole
// pages), then the pair's own page, which the tool built and put behind all
// three with V clear. Re-sharing, unsharing, or a fault or restart of the
// client revokes the share (see revoke): the two pages show the pair's page,
// zeroed, and the client's pages are out of the service's reach; a restart
// of the service also unmaps its windows.
//
// A client with share="copy" gets copies instead, so that its service sees
// exactly the bytes shared and nothing near them: when the service takes the
// client's notification, the buffer is copied into the pair's page (the
// window's first) and that is made reachable; when the client takes the
// service's notification, it is copied back.
#include "svc.h"

#include "moat/image.h"

#include "arch.h"
#include "ipc.h"
#include "pd.h"
#include "sched.h"

// The pair's own page, from the window's last page (never reachable there).
static paddr_t
pair_page(const struct pd *service, const struct pd *client)
{
    return arch_window_pa(service, svc_window_va(client) + 2 * PAGE_SIZE);
}

void
svc_boot(const struct image_hdr *img)
{
    for (unsigned i = 0; i < npds; i++) {
        const struct image_pd *ip = &img->pd[i];
        struct pd *pd = &pds[i];

        for (unsigned k = 0; k < MOAT_NAME_LEN; k++)
            pd->service[k] = ip->service[k];
        pd->service[MOAT_NAME_LEN] = '\0';
        if (ip->clients && !pd->service[0])
            panic("image: clients of a PD with no service");
        if (ip->clients >> npds || (ip->clients >> i & 1))
            panic("image: bad client set");
        pd->clients = ip->clients;
        if (ip->copy_clients & ~ip->clients)
            panic("image: share=\"copy\" for a PD that is no client");
        pd->copy_clients = ip->copy_clients;
        for (unsigned c = 0; c < npds; c++) {
            if (!(pd->clients >> c & 1))
                continue;
            pds[c].uses |= 1UL << i;
            word_t va = svc_window_va(&pds[c]);
            paddr_t pa = arch_window_pa(pd, va);
            for (unsigned k = 0; k < IPC_WINDOW_PAGES; k++) {
                if (!pa || arch_window_pa(pd, va + k * PAGE_SIZE) != pa ||
                    arch_user_pa(pd, va + k * PAGE_SIZE, false))
                    panic("image: no window for a client");
            }
        }
    }
}

struct pd *
svc_lookup(word_t id)
{
    if (id >> 31 || (id & 0xff) == 0 || IPC_ID_INDEX(id) >= npds ||
        pds[IPC_ID_INDEX(id)].state == PD_INACTIVE)
        return NULL;
    return &pds[IPC_ID_INDEX(id)];
}

static bool
name_is(const struct pd *pd, const char *name, word_t len)
{
    if (!pd->service[0])
        return false;
    for (word_t k = 0; k < len; k++) {
        if (pd->service[k] != name[k] || name[k] == '\0')
            return false;
    }
    return len == MOAT_NAME_LEN || pd->service[len] == '\0';
}

struct pd *
svc_find(const struct pd *pd, word_t len)
{
    const char *name = (const char *)pd->ipcbuf + IPCBUF_MR_OFFSET;

    if (name_is(pd, name, len))
        return (struct pd *)pd;
    for (unsigned i = 0; i < npds; i++) {
        if ((pd->uses >> i & 1) && name_is(&pds[i], name, len))
            return &pds[i];
    }
    return NULL;
}

static void
events_update(struct pd *pd)
{
    if (pd->ev_service | pd->ev_client)
        pd->events |= PD_EV_IPC;
    else
        pd->events &= (uint8_t)~PD_EV_IPC;
}

void
svc_notify(struct pd *from, struct pd *to, bool service)
{
    if (service)
        to->ev_service |= 1UL << from->index;
    else
        to->ev_client |= 1UL << from->index;
    to->events |= PD_EV_IPC;
    if (to->state == PD_RECV && svc_take(to)) {
        to->state = PD_RUNNABLE;
        sched_ready(to);
    }
}

// Copy n bytes; by words when both ends allow it (the window is page-aligned,
// and a client's buffer usually is word-aligned).
static void
copy(uint8_t *d, const uint8_t *s, word_t n)
{
    if ((((word_t)d | (word_t)s) & 7) == 0) {
        for (; n >= 8; n -= 8, d += 8, s += 8)
            *(uint64_t *)d = *(const uint64_t *)s;
    }
    while (n--)
        *d++ = *s++;
}

// Copy `len` bytes between a PD's virtual range and kernel memory; false if
// a page of the range is no longer user-writable memory of the PD.
static bool
copy_user(const struct pd *pd, word_t va, uint8_t *k, word_t len, bool to_user)
{
    while (len) {
        paddr_t pa = arch_user_pa(pd, va, true);
        word_t n = PAGE_SIZE - (va & (PAGE_SIZE - 1));

        if (!pa)
            return false;
        if (n > len)
            n = len;
        if (to_user)
            copy(arch_phys(pa), k, n);
        else
            copy(k, arch_phys(pa), n);
        va += n;
        k += n;
        len -= n;
    }
    return true;
}

// The client's bytes leave the service: its window shows the pair's page,
// zeroed, and nothing more is copied either way. The window stays
// reachable, so a service still working on a request when its client
// unshares, re-shares, faults or restarts reads zeros rather than faulting:
// a client cannot crash its service. (`hide` unmaps it too: the service
// itself is restarting.)
static void
revoke(struct pd *client, struct pd *service, bool hide)
{
    struct share *s = &client->share[service->index];
    word_t va = svc_window_va(client);

    ASSERT(service->clients >> client->index & 1);   // only a pair has a window
    ASSERT(s->len <= IPC_SHARE_MAX && (s->len || !s->mapped)); // nothing mapped unshared
    bool reachable = hide && arch_user_pa(service, va, true);

    if (s->mapped || reachable) {
        paddr_t pa = pair_page(service, client);
        uint64_t *w = arch_phys(pa);

        // Off the client's pages first (a copy's window already shows the
        // pair's page), then zero what the client's copy or the service (in
        // the pair's page) wrote.
        for (unsigned k = 0; k < IPC_WINDOW_PAGES - 1; k++) {
            if (!svc_copies(service, client))
                arch_window_set(service, va + k * PAGE_SIZE, pa, !hide);
            else if (hide && k == 0)
                arch_window_map(service, va, false);
        }
        for (unsigned i = 0; i < PAGE_SIZE / sizeof(uint64_t); i++)
            w[i] = 0;
    }
    s->va = 0;
    s->len = 0;
    s->mapped = false;
}

// A share the service sees at once: the window's two pages show the
// client's pages from the buffer's (the second, the pair's page if the
// buffer ends in the first).
void
svc_share(struct pd *pd, struct pd *to, word_t va, word_t len)
{
    struct share *s = &pd->share[to->index];

    ASSERT(to->clients >> pd->index & 1 && len <= IPC_SHARE_MAX);
    revoke(pd, to, false);
    s->va = va;
    s->len = (uint32_t)len;
    if (!len || svc_copies(to, pd))
        return;
    word_t page = va & ~(PAGE_SIZE - 1), win = svc_window_va(pd);
    for (unsigned k = 0; k < IPC_WINDOW_PAGES - 1; k++) {
        word_t p = page + k * PAGE_SIZE;
        paddr_t pa = p < va + len ? arch_user_pa(pd, p, true) : pair_page(to, pd);

        ASSERT(pa); // svc_shareable: writable RAM, and page tables are static
        arch_window_set(to, win + k * PAGE_SIZE, pa, true);
    }
    s->mapped = true;
}

bool
svc_shareable(const struct pd *pd, word_t va, word_t len)
{
    if (pd->service[0] && va < USER_IPC_WINDOW_END && va + len > USER_IPC_WINDOW)
        return false;
    for (word_t p = va & ~(PAGE_SIZE - 1); p < va + len; p += PAGE_SIZE) {
        if (!arch_user_pa(pd, p, true))
            return false;
    }
    return true;
}

const uint8_t svc_bit_index[64] = {
    0,  1,  2,  53, 3,  7,  54, 27, 4,  38, 41, 8,  34, 55, 48, 28, 62, 5,  39, 46, 44, 42,
    22, 9,  24, 35, 59, 56, 49, 18, 29, 11, 63, 52, 6,  26, 37, 40, 33, 47, 61, 45, 43, 21,
    23, 58, 17, 10, 51, 25, 36, 32, 60, 20, 57, 16, 50, 31, 19, 15, 30, 14, 13, 12};

// The next sender in `bits` after the one served last, round robin.
static unsigned
next_sender(struct pd *pd, uint64_t bits)
{
    uint64_t after = bits & ~((2UL << pd->ev_last) - 1);
    unsigned i = svc_lowest_bit(after ? after : bits);

    pd->ev_last = (uint8_t)i;
    return i;
}

bool
svc_take(struct pd *pd)
{
    word_t kind, len = 0, addr = 0;
    struct pd *peer;

    if (!(pd->ev_service | pd->ev_client))
        return false;
    // Service and client events take turns, so neither kind starves the other.
    bool client = pd->ev_client && (!pd->ev_service || pd->ev_client_turn);
    pd->ev_client_turn = !client;
    if (!client) {
        peer = &pds[next_sender(pd, pd->ev_service)];
        ASSERT(pd->clients >> peer->index & 1); // only clients can have notified
        pd->ev_service &= ~(1UL << peer->index);
        kind = EVENT_IPC_SERVICE;
        struct share *s = &peer->share[pd->index];
        word_t va = svc_window_va(peer);
        if (s->mapped && !svc_copies(pd, peer)) {
            len = s->len;
            addr = va + (s->va & (PAGE_SIZE - 1));
        } else if (s->len && copy_user(peer, s->va, arch_phys(pair_page(pd, peer)), s->len, false)) {
            if (!arch_user_pa(pd, va, true))
                arch_window_map(pd, va, true); // its first use
            s->mapped = true;
            len = s->len;
            addr = va;
        } else if (s->len) {
            revoke(peer, pd, false); // cannot happen with static page tables; be safe
        }
    } else {
        peer = &pds[next_sender(pd, pd->ev_client)];
        ASSERT(pd->uses >> peer->index & 1); // only its services can have notified
        pd->ev_client &= ~(1UL << peer->index);
        kind = EVENT_IPC_CLIENT;
        struct share *s = &pd->share[peer->index];
        if (s->mapped && svc_copies(peer, pd) &&
            !copy_user(pd, s->va, arch_phys(pair_page(peer, pd)), s->len, true))
            revoke(pd, peer, false);
    }
    events_update(pd);
    ASSERT(len <= IPC_SHARE_MAX && (len == 0) == (addr == 0));
    ipc_set_regs(pd, E_OK, 0, svc_id(peer), len, addr, 0);
    arch_result(pd, 6) = BADGE_EVENT | kind;
    return true;
}

void
svc_fault(struct pd *pd)
{
    for (unsigned i = 0; i < npds; i++) {
        if (pd->uses >> i & 1)
            revoke(pd, &pds[i], false);
    }
}

void
svc_renew(struct pd *pd)
{
    uint64_t bit = 1UL << pd->index;

    svc_fault(pd);
    for (unsigned i = 0; i < npds; i++) {
        struct pd *other = &pds[i];

        if (pd->clients & (1UL << i))
            revoke(other, pd, true);
        other->ev_service &= ~bit;
        other->ev_client &= ~bit;
        events_update(other);
    }
    pd->ev_service = pd->ev_client = 0;
    events_update(pd);
    pd->gen = (pd->gen + 1) & IPC_GEN_MASK;
}
