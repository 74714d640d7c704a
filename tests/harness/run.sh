#!/bin/sh
# Self-tests of tests/system/run.sh: every system here is broken in one way
# (a missing or out-of-order line, a wrong exit status, a "panic:" line, a
# line that starts with FAIL, a hang, a line expected only on one kind of
# kernel, a line that expect.txt says must never appear) and run.sh must
# judge it failing for the reason in its `why` file.
# Then again on the release kernel, which run.sh judges without exit status
# and stops once every expected line has appeared: each system with a
# `why.release` file must fail for that reason there (`ok
# harness/<name>/release`). The others cannot fail on a release kernel by
# design (status, status_want: no exit status; hang: it hangs after its
# last expected line, and only a debug run judges that a system ends).
# silent fails on a release kernel only: it expects its one line on debug
# kernels only, so a release run expects nothing printed, and it prints.
# Last the benchmark kernel, judged as release, which boots only the
# systems marked `benchmark`: each must fail for its `why.benchmark`.
# Prints `ok harness/<name>` or `FAIL harness/<name>: why`; exits 1 on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
fails=0

# check SUFFIX WHYFILE OUTPUT
check() {
    for dir in "$here"/*/; do
        name=$(basename "$dir")
        [ -f "$dir/$2" ] || continue
        why=$(cat "$dir/$2")
        if printf '%s\n' "$3" | grep -Fxq "FAIL system/$name$1: $why"; then
            echo "ok harness/$name$1"
        else
            echo "FAIL harness/$name$1: run.sh did not say 'FAIL system/$name$1: $why'"
            printf '%s\n' "$3" | grep "system/$name$1" | sed 's/^/    | /'
            fails=$((fails + 1))
        fi
    done
}

check "" why "$(SYSTEMS=$here TIMEOUT=10 "$here/../system/run.sh" 2>&1)"
check /release why.release \
    "$(SYSTEMS=$here TIMEOUT=10 CONFIG=release SUFFIX=/release "$here/../system/run.sh" 2>&1)"
check /benchmark why.benchmark \
    "$(SYSTEMS=$here TIMEOUT=10 CONFIG=benchmark SUFFIX=/benchmark "$here/../system/run.sh" 2>&1)"
[ "$fails" = 0 ]
