/* SPDX-License-Identifier: BSD-2-Clause
 *
 * Start-up of a libtock program: gp for linker relaxation, tp at the TLS
 * block picolibc's errno lives in (libtock.ld lays it out, the tool loads
 * .tdata and zero-fills .tbss), the C constructors (lib/ipc.c's clears
 * the IPC state: this may be a restart), then main(), then its upcalls while
 * any may come, then tock_exit with main's value (tock.c, tock_main_returned). */
    .section .text.start
    .globl _tock_start
_tock_start:
    .option push
    .option norelax
    lla     gp, __global_pointer$
    .option pop
    lla     tp, __tls_base
    call    tock_constructors   /* C constructors; lib/ipc.c's resets it after a restart */
    call    main
    call    tock_main_returned  /* main's value in a0; does not return */

    /* picolibc's malloc grows into this (sbrk between __heap_start and __heap_end). */
    .section .bss.heap, "aw", @nobits
    .balign 16
    .globl __heap_start, __heap_end
__heap_start:
    .space  32768
__heap_end:
