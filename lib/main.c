// SPDX-License-Identifier: BSD-2-Clause
//
// Microkit's event loop. Start-up runs the C constructors, then init(), then
// loops: wait for an event (in the same system call: perform the deferred
// action, and reply to the call just handled), then dispatch it. A call runs
// protected() and its return value is the reply; a child's fault runs fault(),
// and the child resumes only if it returns true; a notification word runs
// notified() once per set bit, in ascending channel order; a service or
// alarm event runs the callback registered for it (moat.h, lib/ipc.c). Entry
// points never nest: each runs to completion before the next wait.
#include "moat.h"

seL4_Bool microkit_have_signal;
seL4_CPtr microkit_signal_cap;
microkit_msginfo microkit_signal_msg;

extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

int main(void);

#ifdef MOAT_NOTIFIED_SET
// Built so (microkit_set.o in the SDK, linked before -lmicrokit), the loop
// hands a wake-up's whole notification word to one call: the Rust crate's
// `notified(ChannelSet)`. C programs link the plain loop, one call per channel.
void moat_notified_set(seL4_Word bits);
#endif

// Rust PDs (MOAT_NOTIFIED_SET) always define protected and fault: no weak
// defaults there, which would keep the linker from taking theirs.
#ifndef MOAT_NOTIFIED_SET
__attribute__((weak)) microkit_msginfo
protected(microkit_channel ch, microkit_msginfo msginfo)
{
    (void)ch;
    (void)msginfo;
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(" is missing the 'protected' entry point\n");
    microkit_internal_crash(0);
    return seL4_MessageInfo_new(0, 0, 0, 0);
}

__attribute__((weak)) seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo)
{
    (void)child;
    (void)msginfo;
    (void)reply_msginfo;
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(" is missing the 'fault' entry point\n");
    microkit_internal_crash(0);
    return seL4_False;
}
#endif

// Index of the lowest set bit (de Bruijn; no libgcc, no Zbb needed).
static __attribute__((unused)) unsigned
lowest_bit(seL4_Word w)
{
    static const unsigned char index[64] = {
        0,  1,  2,  53, 3,  7,  54, 27, 4,  38, 41, 8,  34, 55, 48, 28, 62, 5,  39, 46, 44, 42,
        22, 9,  24, 35, 59, 56, 49, 18, 29, 11, 63, 52, 6,  26, 37, 40, 33, 47, 61, 45, 43, 21,
        23, 58, 17, 10, 51, 25, 36, 32, 60, 20, 57, 16, 50, 31, 19, 15, 30, 14, 13, 12};

    return index[((w & -w) * 0x022fdd63cc95386dULL) >> 58];
}

// The reply as seL4 would send it: no capabilities, at most 120 registers.
// (The kernel refuses anything else; seL4 silently drops and truncates.)
static moat_word
reply_tag(microkit_msginfo m)
{
    seL4_Word len = seL4_MessageInfo_get_length(m);

    return seL4_MessageInfo_new(seL4_MessageInfo_get_label(m), 0, 0,
                                len > seL4_MsgMaxLength ? seL4_MsgMaxLength : len)
        .words[0];
}

// `<pd> microkit: <what>E_NAME`: the error by name, as the kernel says it.
static void
report_error(const char *what, long err)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(what);
    microkit_dbg_puts(moat_strerror(err));
    microkit_dbg_puts("\n");
}

// Run the events kept for want of a callback that now has one (lib/ipc.c).
// Callbacks are registered from an entry point, so this runs after init()
// and after every entry point. After protected() or fault() the reply's
// message registers (`keep` of them) are saved around the callbacks.
static void
run_kept(seL4_Word keep)
{
    if (__builtin_expect(moat_kept != 0, 0)) {
        seL4_Word *mr = seL4_GetIPCBuffer()->msg, saved[seL4_MsgMaxLength];

        for (seL4_Word i = 0; i < keep; i++)
            saved[i] = mr[i];
        while (moat_event_dispatch_kept())
            ;
        for (seL4_Word i = 0; i < keep; i++)
            mr[i] = saved[i];
    }
}

static inline long
wait(bool reply, moat_word action, struct moat_event *ev)
{
    return moat_sys_recv(reply ? SYS_REPLY_RECV : SYS_RECV, action, ev);
}

static _Noreturn void
handler_loop(void)
{
    seL4_Word *mr = seL4_GetIPCBuffer()->msg;
    struct moat_event ev = {0};
    bool have_reply = false;

    for (;;) {
        moat_word action;
        long err;

        action = microkit_have_signal ? microkit_signal_cap : ACTION_NONE;

        microkit_have_signal = seL4_False;
        if (have_reply) {
            ev.mr[0] = mr[0];
            ev.mr[1] = mr[1];
            ev.mr[2] = mr[2];
            ev.mr[3] = mr[3];
        }
        err = wait(have_reply, action, &ev);
        // A refused call changed nothing. A bad deferred action is reported
        // and dropped, but the reply still goes; a wait that is refused
        // even then is a broken loop, and stops the PD rather than spin.
        if (__builtin_expect(err != 0, 0) && action != ACTION_NONE) {
            report_error(" microkit: deferred action refused, ", err);
            err = wait(have_reply, ACTION_NONE, &ev);
        }
        have_reply = false;
        if (__builtin_expect(err != 0, 0)) {
            report_error(" microkit: wait failed, ", err);
            microkit_internal_crash(err);
        }
        if (ev.badge & BADGE_PPC) {
            if (__builtin_expect(ev.badge & BADGE_FAULT, 0)) { // both: a kernel event
                moat_event_dispatch(ev.badge, ev.mr[0], ev.mr[1], ev.mr[2]);
                run_kept(0);
                continue;
            }
            mr[0] = ev.mr[0];
            mr[1] = ev.mr[1];
            mr[2] = ev.mr[2];
            mr[3] = ev.mr[3];
            microkit_msginfo tag = {{ev.tag}};
            microkit_msginfo reply = protected(ev.badge & 0x3f, tag);
            ev.tag = reply_tag(reply);
            run_kept(TAG_LENGTH(ev.tag));
            have_reply = true;
        } else if (ev.badge & BADGE_FAULT) {
            mr[0] = ev.mr[0];
            mr[1] = ev.mr[1];
            mr[2] = ev.mr[2];
            mr[3] = ev.mr[3];
            microkit_msginfo tag = {{ev.tag}};
            microkit_msginfo reply = seL4_MessageInfo_new(0, 0, 0, 0);
            // Reply (resume the child) only if fault() says so, as Microkit.
            if (fault(ev.badge & 0xff, tag, &reply)) {
                ev.tag = reply_tag(reply);
                have_reply = true;
            }
            run_kept(have_reply ? TAG_LENGTH(ev.tag) : 0);
        } else {
#ifdef MOAT_NOTIFIED_SET
            moat_notified_set(ev.badge);
#else
            for (seL4_Word bits = ev.badge; bits; bits &= bits - 1)
                notified(lowest_bit(bits));
#endif
            run_kept(0);
        }
    }
}

#ifdef MOAT_NOTIFIED_SET
// A Rust PD's init() keeps its handler on its own stack, so it does not
// return: it enters the loop through here.
_Noreturn void moat_run_loop(void);

_Noreturn void
moat_run_loop(void)
{
    run_kept(0);
    handler_loop();
}
#endif

int
main(void)
{
    for (void (**f)(void) = __init_array_start; f < __init_array_end; f++)
        (*f)();
    init();
    run_kept(0);
    handler_loop();
}
