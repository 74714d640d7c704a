// irq_fast's trigger: ten times, it enables the UART's transmit-empty
// interrupt, which the driver (higher, waiting) takes and turns off.
#include "check.h"

uintptr_t uart_base;

void
init(void)
{
    volatile uint8_t *uart = (volatile uint8_t *)uart_base;

    for (int i = 0; i < 10; i++)
        uart[1] = 0x02; // IER: transmit holding register empty
    moat_dbg_puts("trigger: 10 interrupts raised\n");
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
