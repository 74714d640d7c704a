// SPDX-License-Identifier: BSD-2-Clause
//
// Two byte rings in shared memory between the UART driver and its client:
// rx (driver writes, client reads) and tx (client writes, driver reads).
// Each side writes only its own index; a fence orders data before index.
#pragma once

#include <stdint.h>

#define BYTE_RING_SIZE 256 // small, so a burst of input fills it

struct byte_ring {
    volatile uint32_t head; // bytes written, forever
    volatile uint32_t tail; // bytes read, forever
    volatile uint8_t data[BYTE_RING_SIZE];
};

static inline void
serial_fence(void)
{
    __asm__ volatile("fence rw, rw" ::: "memory");
}

static inline int
ring_full(const struct byte_ring *r)
{
    return r->head - r->tail == BYTE_RING_SIZE;
}

static inline int
ring_empty(const struct byte_ring *r)
{
    return r->head == r->tail;
}

static inline void
ring_put(struct byte_ring *r, uint8_t c)
{
    r->data[r->head % BYTE_RING_SIZE] = c;
    serial_fence();
    r->head = r->head + 1;
}

// The oldest byte, left in the ring; ring_drop takes it out once it is used
// (so that an empty ring means every byte has been used).
static inline uint8_t
ring_peek(const struct byte_ring *r)
{
    return r->data[r->tail % BYTE_RING_SIZE];
}

static inline void
ring_drop(struct byte_ring *r)
{
    serial_fence();
    r->tail = r->tail + 1;
}

static inline uint8_t
ring_get(struct byte_ring *r)
{
    uint8_t c = r->data[r->tail % BYTE_RING_SIZE];

    serial_fence();
    r->tail = r->tail + 1;
    return c;
}
