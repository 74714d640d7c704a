// Test PD for Tock drivers: the tables the tool patches into a libtock
// program (__moat_tock_drivers, 136 bytes at 0x201000) and into a driver
// PD (__moat_tockdrv, 68 bytes at 0x201088), so one program serves either
// role (moat/tockdrv.h).
#define PPS_SIZE 8
    .section .text.start, "ax"
    .globl _start
_start:
    j _start
    .section .data
    .balign 8
    .globl __moat_tock_drivers, __moat_tockdrv
    .type __moat_tock_drivers, @object
    .size __moat_tock_drivers, 136
__moat_tock_drivers:
    .zero 136
    .type __moat_tockdrv, @object
    .size __moat_tockdrv, 68
__moat_tockdrv:
    .zero 68
#include "microkit.inc"
