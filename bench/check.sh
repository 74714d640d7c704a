#!/bin/sh
# make test-bench: the figures bench/baseline.txt marks `fast` must be
# lower on the fast-path kernel than on the general-path one (a fact about
# code paths, not a timing: -icount counts are exact). One `ok`/`FAIL` line
# per such figure, and one for the set of figures itself: every figure of
# the baseline is still measured. Needs the SDK and
# $(B)/kernel-release-nofast/kernel.elf (the Makefile builds both).
# FAST=<elf> GENERAL=<elf> NAME=<name> compares another pair of kernels, its
# lines named NAME/...: make test-bench also runs the debug kernel, which
# keeps the IPC timeline, against debug-nofast (NAME=bench-trace), so that
# the trace is seen to leave the fast path taking what it took.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-$top/build}
name=${NAME:-bench}
fast=$B/bench/check-$name-fast.txt general=$B/bench/check-$name-general.txt
if ! KERNEL="${FAST:-}" "$top/bench/run.sh" >"$B/$name-fast.log" 2>&1 ||
    ! cp "$B/bench/results.txt" "$fast" ||
    ! KERNEL="${GENERAL:-$B/kernel-release-nofast/kernel.elf}" "$top/bench/run.sh" \
        >"$B/$name-general.log" 2>&1 ||
    ! cp "$B/bench/results.txt" "$general"; then
    echo "FAIL $name: the benchmarks did not run (see $B/$name-fast.log, $B/$name-general.log)"
    exit 1
fi
# A figure whose general column is `-` is the SMP kernel's (bench/smp), which
# run.sh measures only on the SDK's kernels: it must be there when FAST is not given.
own=1
[ -n "${FAST:-}" ] && own=0
awk -v name="$name" -v own="$own" 'FILENAME == ARGV[1] { if ($1 !~ /^#/ && NF >= 4) { want[$1] = $4; gen[$1] = $3; order[++n] = $1 }; next }
    FILENAME == ARGV[2] { f[$1] = $2; next }
    { g[$1] = $2 }
    END {
        bad = 0
        for (i = 1; i <= n; i++) {
            k = order[i]
            if (gen[k] == "-") { if (own && !(k in f)) missing = missing " " k; continue }
            if (!(k in f) || !(k in g)) { missing = missing " " k; continue }
            if (want[k] != "fast") continue
            if (f[k] < g[k]) printf "ok %s/%s: fast path %d < general path %d\n", name, k, f[k], g[k]
            else { printf "FAIL %s/%s: fast path %d, general path %d: the fast path is not taken\n", name, k, f[k], g[k]; bad = 1 }
        }
        if (missing != "") { printf "FAIL %s/figures: not measured any more:%s\n", name, missing; bad = 1 }
        else printf "ok %s/figures: all %d of bench/baseline.txt measured\n", name, n
        exit bad
    }' "$top/bench/baseline.txt" "$fast" "$general"
