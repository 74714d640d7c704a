/* SPDX-License-Identifier: BSD-2-Clause
 *
 * Save and load a PD's floating-point registers (f0-f31, fcsr). The kernel
 * itself is built without F/D, so only these two routines touch FP state;
 * the caller makes sure sstatus.FS is not Off. a0 = struct arch_pd fregs. */
    .option push
    .option arch, +d
    .section .text
    .globl fpu_save
fpu_save:
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fsd     f\n, (\n * 8)(a0)
    .endr
    frcsr   t0
    sd      t0, 256(a0)
    ret

    .globl fpu_load
fpu_load:
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fld     f\n, (\n * 8)(a0)
    .endr
    ld      t0, 256(a0)
    fscsr   t0
    ret
    .option pop
