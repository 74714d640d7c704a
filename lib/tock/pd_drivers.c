// SPDX-License-Identifier: BSD-2-Clause
//
// The client side of Tock drivers served by PDs (pd_drivers.h): calls on
// the channel the tool added to each driver's PD, and allowed buffers
// shared with its service.
#include "pd_drivers.h"

#include <stdio.h>

#include <moat.h>
#include <moat/tockdrv.h>

// Patched by the tool: the drivers this PD may use, with its channel to each.
struct tockdrv_table __moat_tock_drivers;

// Per driver of the table: whether this incarnation said hello, its
// service's id (for shares; 0 until discovered), and the allow that holds
// the one shared buffer.
static struct {
    bool hello;
    size_t svc;
    bool held, rw;
    uint32_t allow;
} state[TOCKDRV_PER_CLIENT];

static int
find(uint32_t num)
{
    for (uint32_t i = 0; i < __moat_tock_drivers.n && i < TOCKDRV_PER_CLIENT; i++) {
        if (__moat_tock_drivers.d[i].num == num)
            return (int)i;
    }
    return -1;
}

bool
tock_pd_driver(uint32_t num)
{
    return find(num) >= 0;
}

// A call with label `op` and mr0..2 to driver i's PD; false if it cannot
// answer.
static bool
call(int i, seL4_Word op, seL4_Word a, seL4_Word b, seL4_Word c, microkit_msginfo *reply)
{
    microkit_channel ch = __moat_tock_drivers.d[i].ch;

    if (!state[i].hello) {
        microkit_msginfo hello = microkit_msginfo_new(TOCKDRV_HELLO, 0);
        if (moat_ppcall(ch, &hello) != E_OK)
            return false;
        state[i].hello = true;
    }
    microkit_mr_set(0, a);
    microkit_mr_set(1, b);
    microkit_mr_set(2, c);
    *reply = microkit_msginfo_new(op, 3);
    return moat_ppcall(ch, reply) == E_OK;
}

struct tock_pd_ret
tock_pd_command(uint32_t num, uint32_t cmd, uint32_t arg1, uint32_t arg2)
{
    microkit_msginfo r;

    if (!call(find(num), TOCKDRV_COMMAND, cmd, arg1, arg2, &r))
        return (struct tock_pd_ret){.variant = 0, .data = {TOCKDRV_EFAIL}};
    return (struct tock_pd_ret){.variant = (uint32_t)microkit_msginfo_get_label(r),
                                .data = {(uint32_t)microkit_mr_get(0),
                                         (uint32_t)microkit_mr_get(1),
                                         (uint32_t)microkit_mr_get(2)}};
}

static uint32_t
share_error(long err)
{
    return err == E_RANGE ? TOCKDRV_ESIZE : err == E_PERM ? TOCKDRV_EINVAL : TOCKDRV_EFAIL;
}

uint32_t
tock_pd_allow(uint32_t num, bool rw, uint32_t allow, void *ptr, size_t len)
{
    int i = find(num);
    microkit_msginfo r;

    bool other = state[i].held && (state[i].rw != rw || state[i].allow != allow);
    if (other && len)
        return TOCKDRV_ERESERVE;
    if (other || (!state[i].held && !len))
        return 0; // nothing of this allow number to take back
    if (!state[i].svc) {
        char name[32];
        snprintf(name, sizeof name, TOCKDRV_SERVICE_FMT, num);
        if (moat_ipc_discover(name, &state[i].svc, NULL) != E_OK)
            return TOCKDRV_EFAIL;
    }
    long err = moat_ipc_share(state[i].svc, ptr, len);
    if (err)
        return share_error(err);
    if (!call(i, rw ? TOCKDRV_ALLOW_RW : TOCKDRV_ALLOW_RO, allow,
              (seL4_Word)ptr & (PAGE_SIZE - 1), len, &r))
        return TOCKDRV_EFAIL;
    uint32_t status = (uint32_t)microkit_msginfo_get_label(r);
    if (status == 0) {
        state[i].held = len != 0;
        state[i].rw = rw;
        state[i].allow = allow;
    }
    return status;
}

bool
tock_pd_notified(microkit_channel ch,
                 void (*post)(uint32_t num, uint32_t sub, uint32_t a0, uint32_t a1, uint32_t a2))
{
    for (uint32_t i = 0; i < __moat_tock_drivers.n && i < TOCKDRV_PER_CLIENT; i++) {
        if (__moat_tock_drivers.d[i].ch != ch)
            continue;
        microkit_msginfo r;
        // The driver notifies again if more than one call's worth waits.
        if (!call((int)i, TOCKDRV_UPCALLS, 0, 0, 0, &r))
            return true;
        for (seL4_Word k = 0; k < microkit_msginfo_get_label(r) && k < TOCKDRV_UPCALLS_MAX; k++) {
            post(__moat_tock_drivers.d[i].num, (uint32_t)microkit_mr_get(4 * k),
                 (uint32_t)microkit_mr_get(4 * k + 1), (uint32_t)microkit_mr_get(4 * k + 2),
                 (uint32_t)microkit_mr_get(4 * k + 3));
        }
        return true;
    }
    return false;
}
