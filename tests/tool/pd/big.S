// Test PD with a three-page bss, so that a segment spans several pages.
#define PPS_SIZE 8
    .section .text.start, "ax"
    .globl _start
_start:
    j _start
#include "microkit.inc"
    .zero 0x3000
