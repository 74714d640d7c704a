// Test PD: the Microkit symbols, a setvar_id target and a spin loop.
#define PPS_SIZE 8
    .section .text.start, "ax"
    .globl _start
_start:
    j _start
#include "microkit.inc"
    .balign 8
    .globl ping_id
    .type ping_id, @object
    .size ping_id, 8
ping_id:
    .zero 8
