// Test PD whose program asks for a stack of 0x9800 bytes (rounded up to 0xa000 by the tool) with
// __moat_stack_size, as a Rust PD's #[protection_domain(stack_size = N)] does.
#define PPS_SIZE 8
    .section .text.start, "ax"
    .globl _start
_start:
    j _start
#include "microkit.inc"
    .section .data
    .balign 8
    .globl __moat_stack_size
    .type __moat_stack_size, @object
    .size __moat_stack_size, 8
__moat_stack_size:
    .dword 0x9800
