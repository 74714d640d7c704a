// Test PD with a spare symbol, microkit_irqz, that run.sh renames to
// microkit_irqs in the string table to make a duplicate definition.
#define PPS_SIZE 8
    .section .text.start, "ax"
    .globl _start
_start:
    j _start
#include "microkit.inc"
    .globl microkit_irqz
    .type microkit_irqz, @object
    .size microkit_irqz, 8
microkit_irqz:
    .zero 8
