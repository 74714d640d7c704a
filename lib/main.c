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
// The usual reply is one already: one test (the caps field lies just above
// the length).
static moat_word
reply_tag(microkit_msginfo m)
{
    seL4_Word len = seL4_MessageInfo_get_length(m);

    if (__builtin_expect(m.words[0] << 52 <= (seL4_Word)seL4_MsgMaxLength << 52, 1))
        return m.words[0];

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

// Reply (SYS_REPLY_RECV) with `tag` and the IPC buffer's first registers,
// and wait; or only wait (SYS_RECV: the kernel ignores the registers, loaded
// anyway so that nothing of `ev` lives across a call: each one's inputs are
// loaded right before it).
static inline long
wait(moat_word nr, moat_word action, moat_word tag, const seL4_Word *mr, struct moat_event *ev)
{
    ev->badge = 0;
    ev->tag = tag;
    ev->mr[0] = mr[0];
    ev->mr[1] = mr[1];
    ev->mr[2] = mr[2];
    ev->mr[3] = mr[3];
    return moat_sys_recv(nr, action, ev);
}

static _Noreturn void
handler_loop(void)
{
    seL4_Word *mr = seL4_GetIPCBuffer()->msg;
    moat_word nr = SYS_RECV, tag = 0; // SYS_REPLY_RECV: a reply, `tag`, goes first

    for (;;) {
        moat_word action = ACTION_NONE;
        struct moat_event ev;
        long err;

        if (__builtin_expect(microkit_have_signal, 0)) {
            action = microkit_signal_cap;
            microkit_have_signal = seL4_False;
        }
        err = wait(nr, action, tag, mr, &ev);
        // A refused call changed nothing. A bad deferred action is reported
        // and dropped, but the reply still goes; a wait that is refused
        // even then is a broken loop, and stops the PD rather than spin.
        if (__builtin_expect(err != 0, 0)) {
            if (action != ACTION_NONE) {
                report_error(" microkit: deferred action refused, ", err);
                err = wait(nr, ACTION_NONE, tag, mr, &ev);
            }
            if (err != 0) {
                report_error(" microkit: wait failed, ", err);
                microkit_internal_crash(err);
            }
        }
        nr = SYS_RECV;
        if (ev.badge & BADGE_PPC) {
            // BADGE_FAULT too, tested as the sign after a shift (no constant
            // to load): both bits mean a kernel event
            _Static_assert(BADGE_FAULT == BADGE_PPC >> 1, "badge bits");
            if (__builtin_expect((long)(ev.badge << 1) < 0, 0)) {
                moat_event_dispatch(ev.badge, ev.mr[0], ev.mr[1], ev.mr[2]);
                run_kept(0);
                continue;
            }
            mr[0] = ev.mr[0];
            mr[1] = ev.mr[1];
            mr[2] = ev.mr[2];
            mr[3] = ev.mr[3];
            microkit_msginfo reply = protected(ev.badge & 0x3f, (microkit_msginfo){{ev.tag}});
            tag = reply_tag(reply);
            nr = SYS_REPLY_RECV;
            run_kept(TAG_LENGTH(tag));
        } else if (ev.badge & BADGE_FAULT) {
            mr[0] = ev.mr[0];
            mr[1] = ev.mr[1];
            mr[2] = ev.mr[2];
            mr[3] = ev.mr[3];
            microkit_msginfo reply = seL4_MessageInfo_new(0, 0, 0, 0);
            // Reply (resume the child) only if fault() says so, as Microkit.
            if (fault(ev.badge & 0xff, (microkit_msginfo){{ev.tag}}, &reply)) {
                tag = reply_tag(reply);
                nr = SYS_REPLY_RECV;
            }
            run_kept(nr == SYS_REPLY_RECV ? TAG_LENGTH(tag) : 0);
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
