// irq_fast's driver (system.xml): each interrupt from the trigger, it
// re-raises behind the claim and acks; the one after the ack it turns off.
#include <sel4/sel4.h>

#include "check.h"

uintptr_t uart_base;
static int irqs;

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    volatile uint8_t *uart = (volatile uint8_t *)uart_base;

    if (ch != 1)
        return;
    if (++irqs % 2) {
        uart[1] = 0; // off and on: the 16550 signals it again
        uart[1] = 0x02;
    } else {
        uart[1] = 0; // off: the trigger raises the next one
    }
    microkit_irq_ack(ch);
    if (irqs < 20)
        return;
    CHECK_EQ("20 interrupts", irqs, 20);
#ifdef CONFIG_DEBUG_BUILD
    seL4_DebugDumpScheduler(); // the fast path's counters
#endif
    check_done();
}
