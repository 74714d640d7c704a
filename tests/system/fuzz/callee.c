// SPDX-License-Identifier: BSD-2-Clause
//
// hostile's other child, which hostile calls: it answers every call with an
// empty reply, for ever. It outranks hostile, so its loop must always come
// to a wait wherever hostile restarts it: a refused reply (nothing to
// answer) falls back to a plain wait, and a refused plain wait (a call to
// answer) goes back to the reply, with well-formed arguments each time. When
// hostile stops it, or it faults (hostile restarts it at random addresses
// too), hostile's calls to it get E_DEAD. Not built on libmicrokit (see
// victim.c): it never prints and never halts the system.
#include <moat/abi.h>

// No compressed instructions: fewer ways to run it from the middle of one.
#define STR_(x) #x
#define STR(x)  STR_(x)

char microkit_name[64]; // the tool writes the PD's name here

__asm__(".section .text.start, \"ax\"\n"
        ".option norvc\n"
        ".globl _start\n"
        "_start:\n"
        "1:  li a0, 0\n" // no deferred action
        "    li a1, 0\n" // reply tag: label 0, no message registers
        "    li a7, " STR(SYS_REPLY_RECV) "\n"
        "    ecall\n"
        "    beqz a0, 1b\n"
        "    li a0, 0\n"
        "    li a7, " STR(SYS_RECV) "\n"
        "    ecall\n"
        "    j 1b\n");
