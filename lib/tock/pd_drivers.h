// SPDX-License-Identifier: BSD-2-Clause
//
// Inside libtock: the client side of Tock drivers served by PDs
// (pd_drivers.c; the calls are moat/tockdrv.h's). command, allow and
// subscribe go here for a driver number the system description gives this
// PD; yield hands each notification to tock_pd_notified().
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <microkit.h>

// Tock's return to a command: its variant (TOCKDRV_FAILURE.. or
// TOCKDRV_SUCCESS.., tockdrv.h) and values.
struct tock_pd_ret {
    uint32_t variant;
    uint32_t data[3];
};

// Whether the description lets this PD use driver `num` through a PD.
bool tock_pd_driver(uint32_t num);

// Command `cmd` to driver `num` (tock_pd_driver(num) must hold). A driver
// PD that cannot answer (stopped, faulted) is a failure with TOCKDRV_EFAIL.
struct tock_pd_ret tock_pd_command(uint32_t num, uint32_t cmd, uint32_t arg1, uint32_t arg2);

// Allow `len` bytes at `ptr` (len 0: none) as allow number `allow` of
// driver `num`, read-write or read-only. Returns 0 or a Tock error code:
// TOCKDRV_ERESERVE if another allow of this driver holds a buffer (a PD
// sees one buffer per client at a time), TOCKDRV_EINVAL for memory this PD
// cannot share, TOCKDRV_ESIZE above one page.
uint32_t tock_pd_allow(uint32_t num, bool rw, uint32_t allow, void *ptr, size_t len);

// A notification on channel `ch`: if it is a driver PD's, fetch the
// upcalls it queued and hand each to post(), oldest first, and return true.
bool tock_pd_notified(microkit_channel ch,
                      void (*post)(uint32_t num, uint32_t sub, uint32_t a0, uint32_t a1,
                                   uint32_t a2));
