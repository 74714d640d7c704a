#!/bin/sh
# Self-tests of tests/system/run.sh: every system here is broken in one way
# (a missing or out-of-order line, a wrong exit status, a "panic:" line, a
# hang) and run.sh must judge it failing for the reason in its `why` file.
# Prints `ok harness/<name>` or `FAIL harness/<name>: why`; exits 1 on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(SYSTEMS=$here TIMEOUT=10 "$here/../system/run.sh" 2>&1)
fails=0
for dir in "$here"/*/; do
    name=$(basename "$dir")
    why=$(cat "$dir/why")
    if printf '%s\n' "$out" | grep -Fxq "FAIL system/$name: $why"; then
        echo "ok harness/$name"
    else
        echo "FAIL harness/$name: run.sh did not say 'FAIL system/$name: $why'"
        printf '%s\n' "$out" | grep "system/$name" | sed 's/^/    | /'
        fails=$((fails + 1))
    fi
done
[ "$fails" = 0 ]
