// SPDX-License-Identifier: BSD-2-Clause
//
// hostile's child: calls server and notifies hostile, for ever. hostile
// restarts it (at random addresses too), stops, resumes and resets it, and
// takes its faults. It is not built on libmicrokit: its whole program is the
// loop below, so that wherever hostile makes it run, it can only make these
// two calls or fault; it never prints and never halts the system.
#include <moat/abi.h>

// No compressed instructions: fewer ways to run it from the middle of one.
#define STR_(x) #x
#define STR(x)  STR_(x)

char microkit_name[64]; // the tool writes the PD's name here

__asm__(".section .text.start, \"ax\"\n"
        ".option norvc\n"
        ".globl _start\n"
        "_start:\n"
        "1:  li a0, 0\n" // channel 0: server
        "    li a1, 0\n" // tag: label 0, no message registers
        "    li a7, " STR(SYS_CALL) "\n"
        "    ecall\n"
        "    li a0, 1\n" // channel 1: hostile
        "    li a7, " STR(SYS_NOTIFY) "\n"
        "    ecall\n"
        "    j 1b\n");
