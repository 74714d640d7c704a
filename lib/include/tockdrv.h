// SPDX-License-Identifier: BSD-2-Clause
//
// Writing a Tock driver as a PD (`<tock_driver num pd>`, docs/sdf.md): a
// Microkit program that links lib/tockdrv.o before -lmicrokit. The library
// is the PD's protected(): it decodes each client's commands and allows
// (docs/design.md, "Tock drivers as PDs") and calls the driver's functions
// below; the driver raises upcalls with tockdrv_upcall(). A client is named
// by the driver PD's channel id to it. The PD keeps its own init() and, for
// its interrupts, notified(): clients never notify a driver.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <microkit.h>
#include <moat/tockdrv.h>

// A command's result, as Tock's system-call return (TRD 104): `variant` is
// TOCKDRV_FAILURE.. or TOCKDRV_SUCCESS.., data the values it carries (for a
// failure, data[0] is the error code, TOCKDRV_E*).
#define TOCKDRV_FAILURE         0
#define TOCKDRV_FAILURE_U32     1
#define TOCKDRV_SUCCESS         128
#define TOCKDRV_SUCCESS_U32     129
#define TOCKDRV_SUCCESS_U32_U32 130
struct tockdrv_ret {
    uint32_t variant;
    uint32_t data[3];
};

static inline struct tockdrv_ret
tockdrv_success(void)
{
    return (struct tockdrv_ret){.variant = TOCKDRV_SUCCESS};
}

static inline struct tockdrv_ret
tockdrv_success_u32(uint32_t v)
{
    return (struct tockdrv_ret){.variant = TOCKDRV_SUCCESS_U32, .data = {v}};
}

static inline struct tockdrv_ret
tockdrv_failure(uint32_t err)
{
    return (struct tockdrv_ret){.variant = TOCKDRV_FAILURE, .data = {err}};
}

// Written by the driver: command `cmd` of client `client` with its two
// arguments. Command 0 is Tock's existence check: success, or success with
// a value where the driver's interface says so (the LED driver's count).
struct tockdrv_ret tockdrv_command(unsigned client, uint32_t cmd, uint32_t arg1, uint32_t arg2);

// Written by the driver if it keeps per-client state of its own (a pending
// request): client `client` has started afresh (restarted or reset; its
// first call in this incarnation), so what an earlier incarnation asked
// for is to be forgotten: no upcall of the old one may reach the new. The
// library has dropped that client's allowed buffer and queued upcalls
// already. Optional: tockdrv.o's own does nothing.
void tockdrv_forget(unsigned client);

// The driver number this PD serves (from the system description).
uint32_t tockdrv_num(void);

// Whether channel id `ch` leads to a client of this driver.
bool tockdrv_is_client(unsigned ch);

// The buffer client `client` allowed with allow number `num` (read-write if
// `rw`, else read-only) as this PD sees it, its length in *len; NULL if
// none. It is the client's memory itself, valid until the client allows
// another or faults, restarts or is reset (the window then reads zeros).
void *tockdrv_buffer(unsigned client, bool rw, uint32_t num, size_t *len);

// Queue upcall (subscribe number `sub`, arguments a0..a2) for `client`, and
// notify it: its library fetches the queue and runs the upcall if it has
// subscribed `sub`. Returns false (the upcall dropped, as Tock drops one
// over its queue) if TOCKDRV_QUEUE upcalls wait already.
bool tockdrv_upcall(unsigned client, uint32_t sub, uint32_t a0, uint32_t a1, uint32_t a2);
