// SPDX-License-Identifier: BSD-2-Clause
//
// Interrupts as notifications. Each interrupt source belongs to one PD (the
// description says which) and has an id in that PD's channel-id space. When
// the source fires, the owner is notified on that id and the source stays
// masked until the owner acknowledges it, so a level-triggered device that
// is still asserting is delivered again after the ack, never lost and never
// delivered twice before it.
#pragma once

#include "kernel.h"
#include "moat/image.h"

struct image_hdr;
struct pd;

// Take ownership of the image's interrupts and enable them.
void irq_boot(const struct image_hdr *img);

// Enable, on the running core, the sources its PDs own (irq_boot does it
// for the boot core; each other core of an SMP kernel as it starts).
void irq_start(void);

// Who owns each source (irq_boot): the owner, or NULL, and its id for it.
struct irq {
    struct pd *pd;
    uint8_t id;
    bool edge;
};
extern struct irq irqs[IMAGE_MAX_IRQS];

// The arch layer took interrupt `source`: it stays masked until its owner
// acknowledges it (SYS_IRQ_ACK, or a deferred ack: arch_irq_ack), or the
// owner is restarted or reset (irq_release).
void irq_raise(unsigned source);

// The general path of a device interrupt: `source`, just claimed (or 0),
// and then every other source pending on this core (arch_irq_claim), each
// to its owner (irq_raise) or, the UART's when the kernel reads console
// input, to the console.
void irq_interrupt(unsigned source);

// `pd` was reset and forgot its pending interrupts: complete every source it
// owns, so that each can be delivered again (completing one that is not in
// service does nothing).
void irq_release(const struct pd *pd);

// True if an interrupt can still arrive on the running core: some PD of it
// owns a source that is not in service (claimed and not yet acked), so
// waiting for one makes sense.
bool irq_any(void);
