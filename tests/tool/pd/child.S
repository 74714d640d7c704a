// Test PD for child PDs: an initialised .data word that run.sh finds in the
// pristine copy of the reset list, a .bss word, and a setvar_id target for a
// child of its own. .data starts at 0x201000 (pd.ld) with magic, then
// grandchild_id; .bss follows it and reaches into the next page.
#define PPS_SIZE 8
    .section .data
    .balign 8
    .globl magic, grandchild_id
    .type magic, @object
    .size magic, 8
magic:
    .quad 0x1122334455667788
    .type grandchild_id, @object
    .size grandchild_id, 8
grandchild_id:
    .quad 0

    .section .bss
    .balign 8
    .globl counter
    .type counter, @object
    .size counter, 8
counter:
    .zero 8
    .globl buf
    .type buf, @object
    .size buf, 0x1000
buf:
    .zero 0x1000

    .section .text.start, "ax"
    .globl _start
_start:
    j _start
#include "microkit.inc"
