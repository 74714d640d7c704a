// SPDX-License-Identifier: BSD-2-Clause
//
// Tock drivers served by PDs (`<tock_driver num pd>` in the system
// description, docs/sdf.md; the design is in docs/design.md): what the tool,
// libtock (the client side) and libtockdrv (the driver side) share. Nothing
// here may be renumbered.
//
// For each (driver, client) pair the tool adds a channel: the client's end
// may call (pp), the driver's end may notify. Commands and allows are
// protected procedure calls on it, so the driver PD must outrank its
// clients; an upcall is a notification on it, after which the client's
// library fetches the queued upcalls with a call. A buffer the client allows
// is shared with the driver PD as with a service (SYS_IPC IPC_SHARE; the
// tool makes the driver PD a service named TOCKDRV_SERVICE_FMT with the
// clients as its clients), so the driver sees the client's own pages.
#pragma once

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

#include "abi.h"

// The service name the tool gives a driver PD: "tock.driver." and the
// driver number in hex, as printf's "%#x" (never shown to programs).
#define TOCKDRV_SERVICE_FMT "tock.driver.%#x"

// Calls on a pair's channel, client to driver: the label is the operation,
// the message registers its arguments and results.
#define TOCKDRV_COMMAND  1 // mr0 = command, mr1 = arg1, mr2 = arg2
                           // -> label = TOCK_SYSCALL_* return variant, mr0..2 its values
#define TOCKDRV_ALLOW_RW 2 // mr0 = allow number, mr1 = the buffer's offset in its page,
#define TOCKDRV_ALLOW_RO 3 // mr2 = its length (0: unallow); the share is already made
                           // -> label = 0 or a Tock error code (TOCKDRV_E*)
#define TOCKDRV_UPCALLS  4 // -> label = n, the upcalls taken from the client's queue
                           // (at most TOCKDRV_UPCALLS_MAX); mr[4i..4i+3] = subscribe
                           // number, arg0, arg1, arg2 of the i-th, oldest first
#define TOCKDRV_HELLO    5 // the client's first call to the driver in this incarnation:
                           // the driver forgets what an earlier one allowed and queued
                           // -> label = 0

#define TOCKDRV_UPCALLS_MAX 8  // per call (4 MRs each, all in the IPC buffer's first 32)
#define TOCKDRV_QUEUE       16 // upcalls a driver PD holds per client

// Tock's error codes (TRD 104): a failed command's value, a refused allow's label.
#define TOCKDRV_EFAIL        1
#define TOCKDRV_EBUSY        2
#define TOCKDRV_EALREADY     3
#define TOCKDRV_EOFF         4
#define TOCKDRV_ERESERVE     5
#define TOCKDRV_EINVAL       6
#define TOCKDRV_ESIZE        7
#define TOCKDRV_ECANCEL      8
#define TOCKDRV_ENOMEM       9
#define TOCKDRV_ENOSUPPORT   10
#define TOCKDRV_ENODEVICE    11
#define TOCKDRV_EUNINSTALLED 12
#define TOCKDRV_ENOACK       13

// Tables the tool patches into programs.
#define TOCKDRV_PER_CLIENT 16 // drivers one PD may use

#ifndef __ASSEMBLER__
// In a libtock program: the drivers it may use (symbol __moat_tock_drivers).
struct tockdrv_table {
    uint32_t n; // entries in d[]
    uint32_t pad;
    struct {
        uint32_t num; // the driver number
        uint32_t ch;  // this PD's channel id to the driver PD
    } d[TOCKDRV_PER_CLIENT];
};

// In a driver PD (symbol __moat_tockdrv): its driver number and, for each of
// its channel ids, the client PD at the other end (its PD index + 1; 0: the
// channel is not a client's), so that the PD finds a client's window.
struct tockdrv_clients {
    uint32_t num;
    uint8_t client[MOAT_MAX_CHANNELS];
    uint8_t pad[2];
};
#endif
