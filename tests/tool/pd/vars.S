// Test PD for setvars: 8-byte variables at fixed addresses that run.sh reads
// back from the image. .data starts at 0x201000 (pd.ld) with var0..var5 in
// order; .bss is aligned to 0x100 and starts at 0x201100 with bss0.
#define PPS_SIZE 8
    .section .text.start, "ax"
    .globl _start
_start:
    j _start

    .section .data
    .balign 8
    .irp n, 0, 1, 2, 3, 4, 5
    .globl var\n
    .type var\n, @object
    .size var\n, 8
var\n:
    .quad 0
    .endr

    .section .bss
    .balign 0x100
    .globl bss0
    .type bss0, @object
    .size bss0, 8
bss0:
    .zero 8
#include "microkit.inc"
