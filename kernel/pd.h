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
    PD_STOPPED,   // faulted; never runs again
};

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
    uint8_t index;       // position in pds[]
    uint8_t passive;
    struct pd *next;     // run queue, or the callee's queue of waiting callers
    struct pd *caller;   // the PD whose call this PD is serving, or NULL
    struct pd *callq;    // callers waiting for this PD to receive (FIFO head)
    struct pd *callee;   // while PD_CALL: the PD called
    word_t pending;      // notified channel bits not yet delivered
    word_t *ipcbuf;      // kernel pointer to the IPC buffer page
    word_t stack_lo;     // lowest stack address, for the overflow hint
    struct chan ch[MOAT_MAX_CHANNELS];
    char name[MOAT_NAME_LEN + 1];
};

extern struct pd pds[MOAT_MAX_PDS];
extern unsigned npds;

// Fill pds[] from the image. Returns the number of PDs.
unsigned pd_boot(const struct image_hdr *img);

// The PD faulted: report it, stop it, and release every PD waiting on it.
void pd_fault(struct pd *pd, const char *what, word_t pc, word_t addr);
