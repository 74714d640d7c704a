// SPDX-License-Identifier: BSD-2-Clause
//
// Fixtures shared by the unit tests: a hand-made PD table (instead of a boot
// image), channels between PDs, a snapshot of all kernel state so an error
// test can assert that a rejected call changed nothing, and a way to read the
// run queue's order. Include after <cmocka.h>.
#pragma once

#include "moat/image.h"

#include "kernel.h"
#include "pd.h"

#define WORLD_IPC_WORDS (PAGE_SIZE / sizeof(word_t))

// Each PD's IPC buffer page (pds[i].ipcbuf points at world_ipc[i]).
extern word_t world_ipc[MOAT_MAX_PDS][WORLD_IPC_WORDS];

// Empty every PD slot, the run queue and the fakes. A cmocka setup function.
int world_setup(void **state);

// Slot i becomes a runnable, not yet queued PD. Its registers hold
// recognisable values: x[r] = i << 8 | r.
struct pd *world_pd(unsigned i, const char *name, unsigned prio);

// One end of a channel: a's id `id` leads to b, which knows it as `peer_id`.
void world_end(struct pd *a, unsigned id, unsigned flags, struct pd *b, unsigned peer_id);

// Message register i of a PD's IPC buffer, as ipc.c addresses it.
word_t *world_mr(struct pd *pd, unsigned i);

// Record every PD, IPC buffer, the scheduler's choice and the fakes' timer
// and switch state.
void world_snap(void);

// Fail the test unless everything equals the snapshot, except that `pd`'s a0
// must now be `a0`.
void world_unchanged(struct pd *pd, word_t a0);

// Names of the queued PDs in the order the scheduler would run them, space
// separated (the current PD excluded). Destroys the queue: use last.
const char *world_queue(void);

// A test in the table: every test starts from world_setup. Release builds
// (no MOAT_DEBUG) tag their names so both runs can be told apart in TAP.
#ifdef MOAT_DEBUG
#define WORLD_NAME(f) #f
#else
#define WORLD_NAME(f) #f " [release]"
#endif
#define WORLD_TEST(f) {WORLD_NAME(f), f, world_setup, NULL, NULL}
