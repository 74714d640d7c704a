// SPDX-License-Identifier: BSD-2-Clause
//
// libtock-c's IPC API (libtock/kernel/ipc.h), same signatures and return
// codes, on moat's services (moat.h). Differences, all documented in
// docs/lib.md: a PD discovers only the services the system description lets
// it use; ids are opaque and go stale when the peer restarts; a share must be
// this PD's own writable memory, at most 4096 bytes, with any alignment (the
// service sees the pages that hold it: MOAT_IPC_BUFFER in moat.h keeps a
// buffer alone in its pages), and only a client shares (with its service).
#pragma once

#include <stdlib.h>
#include <string.h>

#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IPC_DRIVER_NUM 0x10000

// The id of the service `pkg_name` in *svc_id; RETURNCODE_ENODEVICE if there
// is none this PD may use.
int ipc_discover(const char *pkg_name, size_t *svc_id);

// Run callback(client id, shared length, shared address, ud) for each
// notification from a client. pkg_name must be this PD's own service
// (RETURNCODE_ENODEVICE otherwise).
int ipc_register_service_callback(const char *pkg_name, subscribe_upcall callback, void *ud);

// Run callback(service id, 0, 0, ud) for each notification from service svc_id.
int ipc_register_client_callback(size_t svc_id, subscribe_upcall callback, void *ud);

// Notify a client of this PD's service, or a service this PD uses.
int ipc_notify_client(size_t pid);
int ipc_notify_service(size_t pid);

// Share len bytes at base with service pid (len 0 unshares).
int ipc_share(size_t pid, void *base, int len);

#ifdef __cplusplus
}
#endif
