/* SPDX-License-Identifier: BSD-2-Clause
 *
 * The cross-core wake-up and halt protocol of moat's SMP kernel
 * (kernel/ipc.c: remote_signal, ipc_idle_quiet and ipc_idle_awake, which
 * kernel/arch/riscv/context.c's arch_idle calls;
 * docs/design.md, "Multicore"), for spin: `make test` (test-model) checks
 * it with N = 3 cores.
 *
 * Core i has WORK notifications to send to the next core of a ring, one
 * each time it runs. remote[i] is "core i's PDs have bits from other cores"
 * (cpu.remote), quiet[i] "core i is idle with no wake-up source of its own
 * and is counted in nquiet", lock[i] core i's idle lock.
 *
 *   sender to j:  remote[j] = 1; lock j; if quiet[j]: quiet[j] = 0, nquiet--;
 *                 unlock j; IPI j
 *   idle core i:  lock i; if remote[i]: unlock, take it, run
 *                 else quiet[i] = 1, n = ++nquiet; unlock;
 *                 n == N: halt the system; else wait for an IPI
 *   woken:        lock i; if quiet[i]: quiet[i] = 0, nquiet--; unlock; take, run
 *
 * Checked: the system halts only when no notification is untaken and no
 * core runs (assert), and every run ends halted (the LTL property, with
 * weak fairness): no notification is lost and no core waits for ever.
 * Two earlier versions without the lock failed here: halting on the count
 * before looking at remote[i] lost a notification sent just before the
 * core went idle, and a sender's uncount could come before the receiver's
 * count, leaving it counted while it ran. */
#define N 3
#ifndef WORK
#define WORK 1 /* test-model; make fuzz checks WORK=2 (5 million states) */
#endif

byte remote[N];
bool quiet[N];
byte nquiet;
bool ipi[N];
byte work[N];
bool halted;
bool running[N];
bool lock[N];

inline acquire(k) { atomic { !lock[k] -> lock[k] = true } }
inline release(k) { lock[k] = false }

inline take(i) {
    atomic { if :: remote[i] == 1 -> remote[i] = 0; running[i] = true :: else -> skip fi }
}

proctype core(byte i) {
    byte n, j;
    running[i] = true;
loop:
    if
    :: halted -> goto done
    :: else -> skip
    fi;
    if
    :: running[i] ->
        running[i] = false;
        if
        :: work[i] > 0 ->
            work[i]--;
            j = (i + 1) % N;
            remote[j] = 1;
            acquire(j);
            if :: quiet[j] -> quiet[j] = false; nquiet-- :: else -> skip fi;
            release(j);
            ipi[j] = true
        :: else -> skip
        fi;
        goto loop
    :: else -> skip
    fi;
    acquire(i);
    if
    :: remote[i] == 1 -> release(i); take(i); goto loop
    :: else -> quiet[i] = true; nquiet++; n = nquiet; release(i)
    fi;
    if
    :: n == N ->
        atomic {
            assert(remote[0] == 0 && remote[1] == 0 && remote[2] == 0);
            assert(!running[0] && !running[1] && !running[2]);
            halted = true
        };
        goto done
    :: else -> skip
    fi;
    if
    :: ipi[i] ->
        ipi[i] = false;
        acquire(i);
        if :: quiet[i] -> quiet[i] = false; nquiet-- :: else -> skip fi;
        release(i);
        take(i);
        goto loop
    :: halted -> goto done
    fi;
done:
    skip
}

init {
    byte k;
    atomic {
        for (k : 0 .. N - 1) { work[k] = WORK }
        for (k : 0 .. N - 1) { run core(k) }
    }
}

ltl ends { <> halted }
