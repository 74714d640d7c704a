// SPDX-License-Identifier: BSD-2-Clause
//
// Tock drivers served by PDs (`<tock_driver>`; the calls are moat/tockdrv.h's,
// the design is docs/design.md's "Tock drivers as PDs"): one struct
// tock_driver per driver the description lets this PD use, whose hooks
// make calls on the channel the tool added to the driver's PD. Subscribed
// upcalls stay here (tock.c runs them); allowed buffers are shared with the
// driver PD's service, one at a time.
#include <stdio.h>

#include <moat.h>
#include <moat/tockdrv.h>

#include "driver.h"

// Patched by the tool: the drivers this PD may use, with its channel to each.
struct tockdrv_table __moat_tock_drivers;

#define PD_SUBS   8 // subscribe numbers 0..7
#define PD_ALLOWS 4 // allow numbers 0..3, of each kind

struct pd_driver {
    struct tock_driver d; // first: the hooks get &d
    microkit_channel ch;
    struct tock_upcall up[PD_SUBS];
    struct tock_buffer rw[PD_ALLOWS], ro[PD_ALLOWS];
    bool hello; // this incarnation has said TOCKDRV_HELLO
    size_t svc; // the driver PD's service, once discovered; 0 before
    bool held;  // a buffer is shared with it: allow `held_n`, read-write if held_rw
    bool held_rw;
    uint32_t held_n;
};

static struct pd_driver pd[TOCKDRV_PER_CLIENT];
static unsigned npd;

static struct pd_driver *
of(const struct tock_driver *self)
{
    return (struct pd_driver *)(uintptr_t)self;
}

// A call with label `op` and mr0..2 to the driver's PD; false if it cannot
// answer (stopped or faulted).
static bool
call(struct pd_driver *p, seL4_Word op, seL4_Word a, seL4_Word b, seL4_Word c,
     microkit_msginfo *reply)
{
    if (!p->hello) {
        microkit_msginfo hello = microkit_msginfo_new(TOCKDRV_HELLO, 0);
        if (moat_ppcall(p->ch, &hello) != E_OK)
            return false;
        p->hello = true;
    }
    microkit_mr_set(0, a);
    microkit_mr_set(1, b);
    microkit_mr_set(2, c);
    *reply = microkit_msginfo_new(op, 3);
    return moat_ppcall(p->ch, reply) == E_OK;
}

static syscall_return_t
pd_command(const struct tock_driver *self, uint32_t cmd, int arg1, int arg2)
{
    microkit_msginfo r;

    if (!call(of(self), TOCKDRV_COMMAND, cmd, (uint32_t)arg1, (uint32_t)arg2, &r))
        return tock_failure(TOCK_STATUSCODE_FAIL);
    return (syscall_return_t){(syscall_rtype_t)microkit_msginfo_get_label(r),
                              {(uint32_t)microkit_mr_get(0), (uint32_t)microkit_mr_get(1),
                               (uint32_t)microkit_mr_get(2)}};
}

static struct tock_upcall *
pd_slot(const struct tock_driver *self, uint32_t sub)
{
    return sub < PD_SUBS ? &of(self)->up[sub] : NULL;
}

static struct tock_buffer *
pd_rw(const struct tock_driver *self, uint32_t n)
{
    return n < PD_ALLOWS ? &of(self)->rw[n] : NULL;
}

static struct tock_buffer *
pd_ro(const struct tock_driver *self, uint32_t n)
{
    return n < PD_ALLOWS ? &of(self)->ro[n] : NULL;
}

// Share the buffer with the driver PD's service and tell the driver which
// allow it is. The kernel shares one buffer per (client, service) pair, so
// a second allow while another holds a buffer is RESERVE.
static statuscode_t
pd_share(const struct tock_driver *self, bool rw, uint32_t n, void *ptr, size_t size)
{
    struct pd_driver *p = of(self);
    microkit_msginfo r;
    bool other = p->held && (p->held_rw != rw || p->held_n != n);

    if (other && size)
        return TOCK_STATUSCODE_RESERVE;
    if (other || (!p->held && !size))
        return TOCK_STATUSCODE_SUCCESS; // nothing of this allow to take back
    if (!p->svc) {
        char name[32];
        snprintf(name, sizeof name, TOCKDRV_SERVICE_FMT, p->d.num);
        long err = moat_ipc_discover(name, &p->svc, NULL);
        if (err)
            return tock_moat_status(err);
    }
    long err = moat_ipc_share(p->svc, ptr, size);
    if (err)
        return tock_moat_status(err);
    if (!call(p, rw ? TOCKDRV_ALLOW_RW : TOCKDRV_ALLOW_RO, n, (uintptr_t)ptr & (PAGE_SIZE - 1),
              size, &r))
        return TOCK_STATUSCODE_FAIL;
    statuscode_t s = (statuscode_t)microkit_msginfo_get_label(r);
    if (s == TOCK_STATUSCODE_SUCCESS) {
        p->held = size != 0;
        p->held_rw = rw;
        p->held_n = n;
    }
    return s;
}

// An upcall may come while one is subscribed.
static bool
pd_live(const struct tock_driver *self)
{
    for (unsigned i = 0; i < PD_SUBS; i++) {
        if (of(self)->up[i].fn)
            return true;
    }
    return false;
}

// From the tool's table, once per incarnation (a restarted PD keeps its
// memory: it says hello again, so the driver forgets the old one).
__attribute__((constructor)) static void
pd_drivers_restart(void)
{
    npd = 0;
    for (uint32_t i = 0; i < __moat_tock_drivers.n && i < TOCKDRV_PER_CLIENT; i++) {
        pd[npd++] = (struct pd_driver){
            .d = {.num = __moat_tock_drivers.d[i].num,
                  .command = pd_command,
                  .upcall = pd_slot,
                  .rw = pd_rw,
                  .ro = pd_ro,
                  .share = pd_share,
                  .live = pd_live},
            .ch = __moat_tock_drivers.d[i].ch,
        };
    }
}

const struct tock_driver *
tock_pd_driver(uint32_t num)
{
    for (unsigned i = 0; i < npd; i++) {
        if (pd[i].d.num == num)
            return &pd[i].d;
    }
    return NULL;
}

const struct tock_driver *
tock_pd_driver_at(unsigned i)
{
    return i < npd ? &pd[i].d : NULL;
}

bool
tock_pd_notified(unsigned ch)
{
    for (unsigned i = 0; i < npd; i++) {
        struct pd_driver *p = &pd[i];
        microkit_msginfo r;

        if (p->ch != ch)
            continue;
        // At most TOCKDRV_UPCALLS_MAX a call; the driver notifies again if
        // more wait.
        if (!call(p, TOCKDRV_UPCALLS, 0, 0, 0, &r))
            return true;
        for (seL4_Word k = 0; k < microkit_msginfo_get_label(r) && k < TOCKDRV_UPCALLS_MAX; k++) {
            uint32_t sub = (uint32_t)microkit_mr_get(4 * k);
            if (sub < PD_SUBS)
                tock_schedule(&p->up[sub], (int)microkit_mr_get(4 * k + 1),
                              (int)microkit_mr_get(4 * k + 2), (int)microkit_mr_get(4 * k + 3));
        }
        return true;
    }
    return false;
}
