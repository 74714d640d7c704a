// A stand-in kernel for the tool's tests: it only has to look like one.
    .section .text
    .globl _start
_start:
    la t0, __image_start
1:  wfi
    j 1b

    .section .data
    .quad 0x1234

    .section .bss
    .zero 0x1800
