// Test PD whose microkit_pps is 4 bytes instead of 8.
#define PPS_SIZE 4
    .section .text.start, "ax"
    .globl _start
_start:
    j _start
#include "microkit.inc"
