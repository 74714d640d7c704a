/* SPDX-License-Identifier: BSD-2-Clause
 *
 * PD start-up. The kernel starts every PD here with sp at the top of its
 * stack; crt0 only sets gp (for linker relaxation) and calls main (main.c). */
    .section .text.start
    .globl _start
_start:
    .option push
    .option norelax
    lla     gp, __global_pointer$
    .option pop
    call    main
1:  j       1b
