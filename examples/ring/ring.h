// SPDX-License-Identifier: BSD-2-Clause
//
// A single-producer, single-consumer ring of records in a shared memory
// region. The producer only writes `head` and the slots; the consumer only
// writes `tail`. Indices count records forever; slot = index % RING_SLOTS.
// A fence orders each slot's contents before the index that publishes it.
#pragma once

#include <stdint.h>

#define RING_SLOTS 64
#define RECORDS    1000 // records moved in the whole run

struct record {
    uint64_t seq;   // 0, 1, 2, ...
    uint64_t value; // record_value(seq)
    uint64_t check; // seq ^ value ^ RECORD_MAGIC
};

struct ring {
    volatile uint64_t head; // records written
    volatile uint64_t tail; // records consumed
    struct record slot[RING_SLOTS];
};

#define RECORD_MAGIC 0x5a5aa5a5c3c33c3cULL

static inline uint64_t
record_value(uint64_t seq)
{
    return seq * 0x9e3779b97f4a7c15ULL + 7;
}

static inline void
ring_fence(void)
{
    __asm__ volatile("fence rw, rw" ::: "memory");
}
