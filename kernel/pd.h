// SPDX-License-Identifier: BSD-2-Clause
//
// Protection domains: the table built from the boot image, their states, and
// what happens when one faults.
#pragma once

#include "kernel.h"

struct image_hdr;

enum pd_state {
    PD_INACTIVE,  // no PD in this slot
    PD_RUNNABLE,  // current, or in the run queue
    PD_RECV,      // waiting for a notification or a call (SYS_RECV)
    PD_CALL,      // sent a call: waiting for the reply, or queued on a busy callee
    PD_FAULTED,   // faulted; its fault is queued for, or being handled by, its parent
    PD_STOPPED,   // faulted with no parent to handle it, or stopped by its parent
    PD_WAIT,      // waiting for a notification only (SYS_WAIT): calls, faults and
                  // kernel events queue until it next waits with SYS_RECV
    PD_CTLWAIT,   // SMP: asked to restart, stop, resume or reset a PD of another
                  // core (ctl_target), and waits until that core has done it
};

// A buffer a client shares with a service (svc.c): len bytes at va in the
// client's space, copied to the service's window page while `mapped`.
struct share {
    word_t va;
    uint32_t len;  // 0: nothing shared
    bool mapped;   // the service's window shows the buffer (share="copy": holds a
                   // copy, and copies go both ways)
};

// seL4's fault labels (MCS, RISC-V), so that a parent's fault() reads a
// child's fault as a Microkit program expects.
#define FAULT_USER_EXCEPTION 3 // mr: FaultIP, SP, Number (scause), Code (stval)
#define FAULT_VM             6 // mr: IP, Addr, PrefetchFault, FSR (scause)

// pd->events: something other than a notification or a call waits for the PD.
#define PD_EV_IPC   0x1 // ev_service or ev_client is non-zero
#define PD_EV_ALARM 0x2 // its alarm expired
#define PD_EV_XDOM  0x4 // not an event: it serves a call from another domain, so
                        // its reply takes the general path (which parks the caller)
#define PD_EV_LINE  0x8 // not an event: it holds a partial console line, so its
                        // wait takes the general path (which writes it; console.c)
#define PD_EV_INPUT 0x10 // console input arrived after it asked to be told

// A scheduling context (sched.c): the budget a PD may use per period, as a
// sporadic server. Its refills, in time order, always add up to the budget;
// the head refill is the budget usable from its time on. A PD whose budget
// equals its period ("full") has no refills: it is a round-robin time slice
// of that length among its equals and is never throttled.
#define SC_REFILLS 8
struct refill {
    uint64_t time, amount; // timer ticks
};
struct sc {
    uint64_t budget, period; // timer ticks
    bool full;               // budget == period
    uint8_t head, count;     // the refills: r[head], ... (count of them, >= 1)
    struct refill r[SC_REFILLS];
};

// pd->xwake: where its core queues it, behind its equals or in front.
#define XWAKE_BACK  1
#define XWAKE_FRONT 2

// pd->sckind, for the fast paths' one-byte test (fastpath.c).
#define SC_FULL    0x1 // its own scheduling context is full
#define SC_PASSIVE 0x2 // passive: a call runs it on its caller's scheduling context

// Channel flags the kernel adds at boot (never in an image): the right, to a
// PD of the same domain, so that the fast paths test one bit for both.
#define CH_FAST_PPC    0x20
#define CH_FAST_NOTIFY 0x40

// One channel end as its holder sees it (image.h CH_* flags).
struct chan {
    struct pd *peer;
    uint8_t flags;
    uint8_t peer_id; // the id the peer knows this channel by
};

struct pd {
    struct arch_pd arch; // first: the trap path finds the registers at offset 0
    uint8_t state;       // enum pd_state
    uint8_t prio;
    uint8_t rank;        // its priority's place among the system's distinct
                         // priorities, 0 the lowest: its run queue (sched.c)
    uint8_t index;       // position in pds[]
    uint8_t passive;
    uint8_t child_id;    // its id among its parent's children
    bool reply_lost;     // the PD it was serving was restarted, reset or stopped
    uint8_t resume_wait; // stopped while waiting (PD_RECV or PD_WAIT, else 0):
                         // a resume makes it wait so again
    uint8_t sckind;      // SC_FULL | SC_PASSIVE, as its scheduling context and flag say
    struct sc *throttled; // PD_RUNNABLE, but this scheduling context (the one it
                          // runs on) has no budget now: in no queue until its refill
    bool parked;         // PD_RUNNABLE, but its domain is not running: in no queue
                         // until its domain's turn
    uint8_t domain;      // its domain (0 when the system has no schedule)
    uint8_t cpu;         // the core that runs it (cpu.h), < ncpus
    bool fpu_off;        // fpu="false": it may not use the FPU
    uint8_t refusals;    // refused calls said on the console this incarnation (debug
                         // kernels; syscall.c UERR_MAX)
    // SMP, calls and control between cores (design.md, "Multicore").
    bool xcore;          // it has a call channel, a parent or child, or a TCB
                         // capability across cores: it takes no fast path, and is
                         // changed only under the kernel lock
    uint8_t xwake;       // PD_RUNNABLE, made so by another core, and in no queue
                         // until its core takes it: XWAKE_BACK or XWAKE_FRONT
    struct pd *parent;   // handles its faults and controls it; or NULL
    struct pd *next;     // run queue, or the callee's queue of waiting callers
    struct pd *caller;   // the PD whose call this PD is serving, or NULL
    struct pd *callq;    // callers waiting for this PD to receive (FIFO head)
    struct pd *callee;   // while PD_CALL: the PD called; while PD_FAULTED: the parent
    word_t pending;      // notified channel bits not yet delivered
    word_t remote_pending; // SMP: bits notified by PDs of other cores, not yet
                           // taken by its own (written atomically by any core)
    uint8_t events;      // PD_EV_*: events not yet delivered besides `pending`
    word_t *ipcbuf;      // kernel pointer to the IPC buffer page
    word_t stack_lo;     // lowest stack address, for the overflow hint
    word_t fault[5];     // while PD_FAULTED: label and mr0..3 of the fault message
    word_t entry, sp0;   // initial pc and sp, for a reset
    uint32_t nreset;     // its boot state: struct image_reset[nreset] at reset_pa
    paddr_t reset_pa;
    struct chan ch[MOAT_MAX_CHANNELS];
    char name[MOAT_NAME_LEN + 1];
    // Tock-style services (svc.c) and the alarm (alarm.c).
    uint32_t gen;        // incarnation, in its ids; bumped by restart and reset
    uint64_t clients;    // bit i: pds[i] may use this PD's service
    uint64_t copy_clients; // those of them with share="copy"
    uint64_t uses;       // bit i: this PD may use pds[i]'s service
    uint64_t ev_service; // bit i: client pds[i] notified this PD's service
    uint64_t ev_client;  // bit i: service pds[i] notified this PD
    uint8_t ev_last;     // index served last, so events are taken round robin
    bool ev_client_turn; // both kinds pending: a client event goes next
    uint64_t alarm;      // SYS_ALARM deadline in arch_time() ticks, or 0
    struct share share[MOAT_MAX_PDS]; // by service index
    char service[MOAT_NAME_LEN + 1];  // the service it provides, or ""
    struct sc sc;        // its own scheduling context
    uint8_t cap[64];     // its <cspace>, by root slot (image.h IMAGE_CAP_*; cap.c)
    // SMP: a control request of a PD of another core (pd_control).
    uint8_t ctl_op;      // while PD_CTLWAIT: the PD_CTL_* op asked of ctl_target
    word_t ctl_entry;    // and its entry point (PD_CTL_RESTART)
    struct pd *ctl_target;
};

extern struct pd pds[MOAT_MAX_PDS];
extern unsigned npds;

// Fill pds[] from the image. Returns the number of PDs.
unsigned pd_boot(const struct image_hdr *img);

// The PD faulted: report it and release every PD waiting on it; then hand
// the fault to its parent (label and mr0..3 in msg, as seL4's fault message)
// or, with no parent able to take it, stop it.
void pd_fault(struct pd *pd, const char *what, word_t pc, word_t addr, const word_t msg[5]);

// The child of `parent` with id `id`, or NULL.
struct pd *pd_child(const struct pd *parent, word_t id);

// Take a PD out of whatever it is doing (running, waiting, calling,
// faulted), releasing the PDs waiting on it with E_DEAD: a child its parent
// controls, another PD through a TCB capability, or the current PD stopping
// itself. It is left in no queue, with `state` to be set by the caller.
void pd_cancel(struct pd *pd);

// The PD starts a new incarnation (restart or reset): its ids go stale, what
// it shared or was shared is revoked, its undelivered events and alarm go,
// the interrupts it had not acknowledged can fire again, and nothing of the
// call its old incarnation served (reply_lost) or the wait it was stopped in
// (resume_wait) remains. pd_cancel comes first.
void pd_renew(struct pd *pd);

// Assert every invariant of pd's state that its own fields and its peers'
// links let one check (always on: a broken one is a kernel bug).
void pd_check(const struct pd *pd);

// Restart, stop, resume or reset `pd` (syscall.c; every argument checked):
// taken out of whatever it does first, releasing the PDs that wait on it.
// A PD of another core is changed by its core: `by` waits (PD_CTLWAIT)
// until it has been (ipc.c takes the request there).
void pd_control(struct pd *by, struct pd *pd, word_t op, word_t entry);

// Put a PD back to its state at boot: writable memory, stack, IPC buffer,
// registers, FPU state, pending notifications. Runnable afterwards.
void pd_reset(struct pd *pd);
