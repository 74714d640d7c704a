// On the first interrupt it neither reads the byte nor acks: the UART keeps
// asserting the line. It then waits; the lower-priority waker runs (proof
// that the interrupt did not come back) and wakes it, and only then does it
// ack: the interrupt must come straight back, once.
#include "check.h"

uintptr_t uart_base;
static int irqs, wakes;

void
init(void)
{
    volatile uint8_t *u = (volatile uint8_t *)uart_base;

    u[4] |= 0x08; // MCR.OUT2
    u[1] = 0x01;  // IER: received data
    moat_dbg_puts("driver: waiting for a byte\n");
}

void
notified(microkit_channel ch)
{
    volatile uint8_t *u = (volatile uint8_t *)uart_base;

    if (ch == 5) {
        irqs++;
        moat_dbg_puts("driver: interrupt ");
        moat_dbg_put32(irqs);
        moat_dbg_puts("\n");
        if (irqs == 1) {
            microkit_notify(1); // let the waker run; no ack yet
        } else {
            CHECK_EQ("byte still there after the ack", u[0], 'x');
            microkit_irq_ack(5);
            check_done();
        }
    } else if (ch == 1) {
        wakes++;
        CHECK_EQ("no second interrupt before the ack", irqs, 1);
        moat_dbg_puts("driver: acking\n");
        microkit_irq_ack(5);
    }
}
