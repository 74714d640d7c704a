// SPDX-License-Identifier: BSD-2-Clause
//
// Client of svc.alpha and of a service with a 64-byte name. Every other
// name, including the real svc.beta, is E_NOENT, through the library and
// through the raw system call, with the same results either way.
#include "check.h"

#define LONG64 "org.example.a-service-name-that-is-exactly-sixty-four-bytes-long"

static size_t alpha;

// SYS_IPC as the library makes it, for lengths and bytes it would not send.
static long
raw_ipc(seL4_Word op, seL4_Word x1, seL4_Word *r1, seL4_Word *r2)
{
    register seL4_Word a0 __asm__("a0") = op;
    register seL4_Word a1 __asm__("a1") = x1;
    register seL4_Word a2 __asm__("a2") = 0;
    register seL4_Word a3 __asm__("a3") = 0;
    register seL4_Word a7 __asm__("a7") = SYS_IPC;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a7)
                     :
                     : "a4", "a5", "a6", MOAT_CLOBBERS);
    *r1 = a1;
    *r2 = a2;
    return (long)a0;
}

// Raw IPC_DISCOVER of `len` bytes at name (which may hold NULs).
static long
raw_discover(const char *name, seL4_Word len, seL4_Word *r1, seL4_Word *r2)
{
    char *dst = (char *)seL4_GetIPCBuffer()->msg;

    for (seL4_Word i = 0; i < len && i < 128; i++)
        dst[i] = name[i];
    return raw_ipc(IPC_DISCOVER, len, r1, r2);
}

static void
on_alpha(size_t service, size_t len, void *buf, void *ud)
{
    (void)len;
    (void)buf;
    (void)ud;
    CHECK_EQ("cli: alpha answered", service, alpha);
    check_done();
}

void
init(void)
{
    size_t id = 7, lid = 0;
    bool own = true;
    seL4_Word r1, r2, q1, q2;

    CHECK_EQ("cli: svc.alpha found", moat_ipc_discover("svc.alpha", &alpha, &own), E_OK);
    CHECK_EQ("cli: svc.alpha id not 0", alpha != 0, 1);
    CHECK_EQ("cli: svc.alpha id below 2^31", alpha < 0x80000000UL, 1);
    CHECK_EQ("cli: svc.alpha is not own", own, false);
    CHECK_EQ("cli: 64-byte name found", moat_ipc_discover(LONG64, &lid, &own), E_OK);
    CHECK_EQ("cli: 64-byte name id not 0 nor alpha's", lid != 0 && lid != alpha, 1);

    // A real service it may not use is refused exactly as a missing one.
    CHECK_EQ("cli: svc.beta E_NOENT", moat_ipc_discover("svc.beta", &id, &own), E_NOENT);
    CHECK_EQ("cli: svc.nope E_NOENT", moat_ipc_discover("svc.nope", &id, &own), E_NOENT);
    CHECK_EQ("cli: id untouched", id, 7);
    long e1 = raw_discover("svc.beta", 8, &r1, &r2);
    long e2 = raw_discover("svc.nope", 8, &q1, &q2);
    CHECK_EQ("cli: raw svc.beta E_NOENT", e1, E_NOENT);
    CHECK_EQ("cli: raw svc.nope E_NOENT", e2, E_NOENT);
    CHECK_EQ("cli: raw a1 the same for both", r1, q1);
    CHECK_EQ("cli: raw a2 the same for both", r2, q2);

    // Lengths.
    CHECK_EQ("cli: 65-byte name E_RANGE", moat_ipc_discover(LONG64 "x", &id, NULL), E_RANGE);
    CHECK_EQ("cli: raw length 65 E_RANGE", raw_discover(LONG64 "x", 65, &r1, &r2), E_RANGE);
    CHECK_EQ("cli: raw length 2^40 E_RANGE", raw_discover(LONG64, 1UL << 40, &r1, &r2), E_RANGE);
    CHECK_EQ("cli: empty name E_NOENT", moat_ipc_discover("", &id, NULL), E_NOENT);
    CHECK_EQ("cli: raw length 0 E_NOENT", raw_discover("svc.alpha", 0, &r1, &r2), E_NOENT);

    // Near misses of real names.
    CHECK_EQ("cli: prefix E_NOENT", moat_ipc_discover("svc.alph", &id, NULL), E_NOENT);
    CHECK_EQ("cli: extension E_NOENT", moat_ipc_discover("svc.alphaa", &id, NULL), E_NOENT);
    CHECK_EQ("cli: other case E_NOENT", moat_ipc_discover("SVC.ALPHA", &id, NULL), E_NOENT);
    CHECK_EQ("cli: 63-byte prefix of the long name E_NOENT",
             raw_discover(LONG64, 63, &r1, &r2), E_NOENT);
    CHECK_EQ("cli: raw name + NUL E_NOENT", raw_discover("svc.alpha\0", 10, &r1, &r2), E_NOENT);
    CHECK_EQ("cli: raw name with a NUL inside E_NOENT", raw_discover("svc\0alpha", 9, &r1, &r2),
             E_NOENT);
    CHECK_EQ("cli: own PD name E_NOENT", moat_ipc_discover("cli", &id, NULL), E_NOENT);
    CHECK_EQ("cli: id still untouched", id, 7);

    // alpha checks that the id cli found is its own.
    static size_t shared;
    shared = alpha;
    CHECK_EQ("cli: register", moat_ipc_on_client(alpha, on_alpha, NULL), E_OK);
    CHECK_EQ("cli: share", moat_ipc_share(alpha, &shared, sizeof shared), E_OK);
    CHECK_EQ("cli: notify", moat_ipc_notify_service(alpha), E_OK);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
