// SPDX-License-Identifier: BSD-2-Clause
//
// Tock-style services: discovery by name, notifying a service or a client,
// and buffers a client shares with a service. syscall.c checks every
// argument first; these functions cannot fail for a PD's reasons.
#pragma once

#include "moat/abi.h"

#include "kernel.h"
#include "pd.h"

struct image_hdr;

// Read each PD's service and clients from the image (after pd_boot).
void svc_boot(const struct image_hdr *img);

// The id others know `pd` by: its index and incarnation, never 0.
static inline word_t
svc_id(const struct pd *pd)
{
    return (word_t)(pd->gen & IPC_GEN_MASK) << 8 | (pd->index + 1UL);
}

// Where `client`'s window starts in the address space of each of its services.
static inline word_t
svc_window_va(const struct pd *client)
{
    return USER_IPC_WINDOW + client->index * IPC_WINDOW_PAGES * PAGE_SIZE;
}

// True if `client` of `service` has share="copy".
static inline bool
svc_copies(const struct pd *service, const struct pd *client)
{
    return service->copy_clients >> client->index & 1;
}

// Index of the lowest set bit of a non-zero word (de Bruijn: no Zbb needed).
extern const uint8_t svc_bit_index[64];
static inline unsigned
svc_lowest_bit(uint64_t w)
{
    return svc_bit_index[((w & -w) * 0x022fdd63cc95386dULL) >> 58];
}

// The PD an id names, or NULL if it names none (the incarnation is not checked).
struct pd *svc_lookup(word_t id);

// The service or own service `pd` may reach named by `len` bytes of its IPC
// buffer (after IPCBUF_MR_OFFSET), or NULL. Names longer than
// MOAT_NAME_LEN are the caller's to refuse.
struct pd *svc_find(const struct pd *pd, word_t len);

// `from` notifies `to`: as a client of to's service (service true) or as the
// service of client `to`. Wakes `to` if it waits.
void svc_notify(struct pd *from, struct pd *to, bool service);

// Client `pd` shares [va, va+len) with service `to` (len 0: unshares);
// the range is already checked to be its own writable memory.
void svc_share(struct pd *pd, struct pd *to, word_t va, word_t len);

// True if [va, va+len) is memory `pd` may share: mapped user-writable, and
// not a window of its own service.
bool svc_shareable(const struct pd *pd, word_t va, word_t len);

// If an IPC event is pending for `pd`, deliver one into its result
// registers (and copy the shared buffer it concerns) and return true.
bool svc_take(struct pd *pd);

// `pd` faulted: every buffer it shared is revoked.
void svc_fault(struct pd *pd);

// `pd` starts a new incarnation: revoke what it shared and what was shared
// with it, forget events from and to it, make its ids stale.
void svc_renew(struct pd *pd);
