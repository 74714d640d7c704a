// The words the PDs of smp_calls share (memory region "shared").
#pragma once

#include "check.h"

#define ROUNDS 500

struct shared {
    volatile long s1_ok, p2_ok0, p2_ok3; // right replies: c0 from s1, c0 and c3 from p2
    volatile long p2_calls, p2_overlaps; // calls p2 served; calls that found it busy
    volatile long dead;                  // c0's call to s1 that faulted s1: its error
    volatile long kid_incarnation;       // kid's init()s
    volatile long kid_boots;             // kid's own count of its init()s, in .bss
    volatile long spin;                  // kid spins on it
};

extern uintptr_t shared; // setvar_vaddr
#define SH ((struct shared *)shared)
