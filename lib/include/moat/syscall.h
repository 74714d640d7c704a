// SPDX-License-Identifier: BSD-2-Clause
//
// Raw system-call stubs, one per call: number in a7, arguments in a0..a5,
// error back in a0 (docs/abi.md). Every call clobbers t0-t6 and a0-a7; the
// kernel keeps ra, sp, gp, tp and s0-s11.
#pragma once

#include <stdint.h>

#include "moat/abi.h"

typedef uint64_t moat_word;

// What a wait returns: the event (badge), and for a call its tag and mr0..3.
struct moat_event {
    moat_word badge;
    moat_word tag;
    moat_word mr[MOAT_MSG_REGS];
};

#define MOAT_CLOBBERS "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory"

static inline long
moat_sys1(moat_word nr, moat_word arg0)
{
    register moat_word a0 __asm__("a0") = arg0;
    register moat_word a7 __asm__("a7") = nr;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a7)
                     :
                     : "a1", "a2", "a3", "a4", "a5", "a6", MOAT_CLOBBERS);
    return (long)a0;
}

static inline long
moat_sys2(moat_word nr, moat_word arg0, moat_word arg1)
{
    register moat_word a0 __asm__("a0") = arg0;
    register moat_word a1 __asm__("a1") = arg1;
    register moat_word a7 __asm__("a7") = nr;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a7)
                     :
                     : "a2", "a3", "a4", "a5", "a6", MOAT_CLOBBERS);
    return (long)a0;
}

// SYS_WAIT: the badge (notified channel bits) comes back in a6.
static inline long
moat_sys_wait(moat_word cptr, moat_word poll, moat_word *badge)
{
    register moat_word a0 __asm__("a0") = cptr;
    register moat_word a1 __asm__("a1") = poll;
    register moat_word a6 __asm__("a6");
    register moat_word a7 __asm__("a7") = SYS_WAIT;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "=r"(a6), "+r"(a7)
                     :
                     : "a2", "a3", "a4", "a5", MOAT_CLOBBERS);
    *badge = a0 == E_OK ? a6 : 0;
    return (long)a0;
}

// SYS_CALL: mr[0..3] go out in a2..a5 and the reply's come back in them.
// A refused call leaves *tag and mr[] as they were.
static inline long
moat_sys_call(moat_word ch, moat_word *tag, moat_word mr[MOAT_MSG_REGS])
{
    register moat_word a0 __asm__("a0") = ch;
    register moat_word a1 __asm__("a1") = *tag;
    register moat_word a2 __asm__("a2") = mr[0];
    register moat_word a3 __asm__("a3") = mr[1];
    register moat_word a4 __asm__("a4") = mr[2];
    register moat_word a5 __asm__("a5") = mr[3];
    register moat_word a7 __asm__("a7") = SYS_CALL;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5), "+r"(a7)
                     :
                     : "a6", MOAT_CLOBBERS);
    if (a0 == E_OK) { // on an error only a0 is defined
        *tag = a1;
        mr[0] = a2;
        mr[1] = a3;
        mr[2] = a4;
        mr[3] = a5;
    }
    return (long)a0;
}

// SYS_RECV or SYS_REPLY_RECV: perform `action`, reply with ev->tag/mr if
// `nr` is SYS_REPLY_RECV, then wait; the event that ends the wait is put in *ev.
// SYS_POLL: as SYS_RECV, but with nothing there it returns with badge 0.
static inline long
moat_sys_recv(moat_word nr, moat_word action, struct moat_event *ev)
{
    register moat_word a0 __asm__("a0") = action;
    register moat_word a1 __asm__("a1") = ev->tag;
    register moat_word a2 __asm__("a2") = ev->mr[0];
    register moat_word a3 __asm__("a3") = ev->mr[1];
    register moat_word a4 __asm__("a4") = ev->mr[2];
    register moat_word a5 __asm__("a5") = ev->mr[3];
    register moat_word a6 __asm__("a6");
    register moat_word a7 __asm__("a7") = nr;

    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5), "=r"(a6),
                       "+r"(a7)
                     :
                     : MOAT_CLOBBERS);
    if (a0 != E_OK)
        return (long)a0;
    ev->badge = a6;
    ev->tag = a1;
    ev->mr[0] = a2;
    ev->mr[1] = a3;
    ev->mr[2] = a4;
    ev->mr[3] = a5;
    return (long)a0;
}
