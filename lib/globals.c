// SPDX-License-Identifier: BSD-2-Clause
//
// The variables Microkit's tool patches into every PD (the moat tool needs
// microkit_name), apart from the event loop so that a program with its own
// main() (libtock's runtime) links them without it. The deferred-signal
// variables stay with the loop, which reads them on every turn.
#include "microkit.h"

char microkit_name[MICROKIT_PD_NAME_LENGTH];
seL4_Word microkit_irqs;
seL4_Word microkit_notifications;
seL4_Word microkit_pps;
seL4_Word microkit_ioports;
seL4_Bool microkit_passive;

// As upstream libmicrokit's main.c: the PD's IPC buffer, for programs (and
// libsel4-style code) that reach it through this pointer. moat maps it at a
// fixed address in every PD, so it is initialised here, not by the tool.
seL4_IPCBuffer *__sel4_ipc_buffer = (seL4_IPCBuffer *)USER_IPCBUF;
