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
// The PDs' ranks again (sched_ranks) after a test changed a priority, with
// the run queues moved to them (world_pd does it for each PD it makes).
void world_rerank(void);

// One end of a channel: a's id `id` leads to b, which knows it as `peer_id`.
void world_end(struct pd *a, unsigned id, unsigned flags, struct pd *b, unsigned peer_id);

// A PD in slot i waiting in SYS_RECV with nothing pending (as ipc_wait
// leaves it).
struct pd *world_waiting(unsigned i, const char *name, unsigned prio);

// A PD in slot i, queued and chosen by the scheduler: the running PD
// before a system call (so the context it runs on is known, as the fast
// paths need).
struct pd *world_running(unsigned i, const char *name, unsigned prio);

// A notification channel between a (its id `id`) and b (its `peer_id`).
void world_notify_chan(struct pd *a, unsigned id, struct pd *b, unsigned peer_id);

// A call channel: caller's id leads to callee, which knows it as peer_id
// (both may notify).
void world_call_chan(struct pd *caller, unsigned id, struct pd *callee, unsigned peer_id);

// The PD at the other end of a's channel id.
struct pd *world_peer(const struct pd *a, unsigned id);

// A system call of `current`, entered as the trap path enters it: with
// WORLD_FASTPATH defined, SYS_CALL, SYS_REPLY_RECV and SYS_NOTIFY go to the
// fast path (which falls back to syscall()), else straight to syscall().
// Returns the PD that runs next (NULL: none can run).
struct pd *world_syscall(word_t a0, word_t a1, word_t a2, word_t a3, word_t a4, word_t a5,
                         word_t nr);

// Message register i of a PD's IPC buffer, as ipc.c addresses it.
// A device interrupt taken in the running PD (fake.irq_pending says which
// sources are pending), entered as trap.S enters it: with WORLD_FASTPATH
// through fastpath_irq, else as trap.c's general path (without its
// arch_resume, as world_syscall). Returns the PD that runs next.
struct pd *world_interrupt(void);

word_t *world_mr(struct pd *pd, unsigned i);

// Record every PD, IPC buffer, the scheduler's choice, the fakes' timer,
// switch and window state, and the fake physical memory (fake_phys) if it
// is at most WORLD_PHYS_MAX bytes.
#define WORLD_PHYS_MAX (16 * PAGE_SIZE)
void world_snap(void);

// Fail the test unless everything equals the snapshot, except that `pd`'s a0
// must now be `a0`. Failures name the caller's line.
void world_unchanged_at(int line, struct pd *pd, word_t a0);
#define world_unchanged(pd, a0) world_unchanged_at(__LINE__, pd, a0)

// Names of the queued PDs in the order the scheduler would run them, space
// separated (the current PD excluded). Destroys the queue: use last.
const char *world_queue(void);

// A test in the table: every test starts from world_setup. Release builds
// (no MOAT_DEBUG) and builds entering through the fast path (WORLD_FASTPATH)
// tag their names so the runs can be told apart in TAP.
#if defined(WORLD_FASTPATH)
#define WORLD_NAME(f) #f " [fast path]"
#elif defined(MOAT_DEBUG)
#define WORLD_NAME(f) #f
#else
#define WORLD_NAME(f) #f " [release]"
#endif
#define WORLD_TEST(f) {WORLD_NAME(f), f, world_setup, NULL, NULL}
