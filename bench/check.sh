#!/bin/sh
# make test-bench: the figures bench/baseline.txt marks `fast` must be
# lower on the fast-path kernel than on the general-path one (a fact about
# code paths, not a timing: -icount counts are exact). One `ok`/`FAIL` line
# per such figure, and one for the set of figures itself: every figure of
# the baseline is still measured. Needs the SDK and
# $(B)/kernel-release-nofast/kernel.elf (the Makefile builds both).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-$top/build}
fast=$B/bench/check-fast.txt general=$B/bench/check-general.txt
if ! "$top/bench/run.sh" >"$B/bench-fast.log" 2>&1 ||
    ! cp "$B/bench/results.txt" "$fast" ||
    ! KERNEL="$B/kernel-release-nofast/kernel.elf" "$top/bench/run.sh" >"$B/bench-general.log" 2>&1 ||
    ! cp "$B/bench/results.txt" "$general"; then
    echo "FAIL bench: the benchmarks did not run (see $B/bench-fast.log, $B/bench-general.log)"
    exit 1
fi
awk 'FILENAME == ARGV[1] { if ($1 !~ /^#/ && NF >= 4) { want[$1] = $4; order[++n] = $1 }; next }
    FILENAME == ARGV[2] { f[$1] = $2; next }
    { g[$1] = $2 }
    END {
        bad = 0
        for (i = 1; i <= n; i++) {
            k = order[i]
            if (!(k in f) || !(k in g)) { missing = missing " " k; continue }
            if (want[k] != "fast") continue
            if (f[k] < g[k]) printf "ok bench/%s: fast path %d < general path %d\n", k, f[k], g[k]
            else { printf "FAIL bench/%s: fast path %d, general path %d: the fast path is not taken\n", k, f[k], g[k]; bad = 1 }
        }
        if (missing != "") { printf "FAIL bench/figures: not measured any more:%s\n", missing; bad = 1 }
        else printf "ok bench/figures: all %d of bench/baseline.txt measured\n", n
        exit bad
    }' "$top/bench/baseline.txt" "$fast" "$general"
