// Test PD whose program asks for a stack of STACK_SIZE bytes (0x9800 unless
// an including file says otherwise: the tool rounds it up to 0xa000) with
// __moat_stack_size, as a Rust PD's #[protection_domain(stack_size = N)] does.
#ifndef STACK_SIZE
#define STACK_SIZE 0x9800
#endif
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
    .dword STACK_SIZE
