#!/bin/sh
# The debugger tested: examples/ipc, built into its own directory, boots in
# QEMU stopped with its gdb stub (tools/gdb/debug.sh), and gdb-multiarch runs
# ipc.gdb in batch mode with tools/gdb/moat.py: a breakpoint in the client's
# notified and one in the server's protected (each only in its own PD: both
# are linked at the same addresses), the symbols switched at each stop, the
# backtraces, arguments, a `next`, moat-pds, a kernel variable read while
# in user mode, the trace read from memory (moat-trace, then moat trace),
# and the run to its end. Each check prints `ok gdb/<name>` or
# `FAIL gdb/<name>: why`; exits 1 on any failure. Needs no tty and no stdin.
# Without gdb-multiarch it says so on a `skip` line and exits 0
# (scripts/install-deps.sh installs it).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-$top/build}
TIMEOUT=${TIMEOUT:-120}
out=$B/tests/gdb
fails=0

if ! command -v gdb-multiarch >/dev/null; then
    echo "skip gdb: gdb-multiarch is not installed (scripts/install-deps.sh installs it)"
    exit 0
fi

ok() { echo "ok gdb/$1"; }
fail() {
    echo "FAIL gdb/$1: $2"
    fails=$((fails + 1))
}

rm -rf "$out"
mkdir -p "$out/ipc"
if ! make -s -C "$top/examples/ipc" BUILD_DIR="$out/ipc" MICROKIT_SDK="$B/sdk" \
    MICROKIT_BOARD=qemu_virt_riscv64 MICROKIT_CONFIG=debug >"$out/build.log" 2>&1; then
    fail ipc "build failed"
    sed 's/^/    | /' "$out/build.log" | tail -n 15
    exit 1
fi

# A port of our own, another one if QEMU cannot listen on it.
port=$((20000 + $$ % 20000))
for _ in 1 2 3; do
    timeout -k 5 "$TIMEOUT" "$top/tools/gdb/debug.sh" -b -p "$port" -c "$out/console.log" \
        -k "$B/sdk/board/qemu_virt_riscv64/debug/elf/kernel.elf" \
        -x "$top/tests/gdb/ipc.gdb" "$out/ipc/loader.img" >"$out/gdb.log" 2>&1 </dev/null
    status=$?
    grep -q -e 'Failed to find an available port' -e 'Address already in use' "$out/console.log" ||
        break
    port=$((port + 1))
done
[ "$status" = 124 ] || [ "$status" = 137 ] && fail ipc "timed out after ${TIMEOUT}s"

# section NAME: gdb's output after the `echo ==NAME` of ipc.gdb, up to the next one.
section() {
    awk -v s="==$1" '$0 == s { on = 1; next } /^==/ { on = 0 } on' "$out/gdb.log"
}

# check NAME SECTION PATTERN WHAT: the section has a line matching PATTERN (grep -E).
check() {
    if section "$2" | grep -q -E "$3"; then ok "$1"; else fail "$1" "$4"; fi
}

if grep -q -E '^Breakpoint [0-9]+, notified \(ch=(ch@entry=)?13\) at client\.c' "$out/gdb.log"; then
    ok ipc/break-notified
else
    fail ipc/break-notified "no stop in the client's notified(13) with its symbols"
fi
check ipc/bt-notified client-bt '^#0 +notified \(ch=(ch@entry=)?13\) at client\.c' "backtrace does not start in notified"
check ipc/bt-notified-caller client-bt '^#1 .* in handler_loop \(\) at lib/main\.c' "notified's caller is not handler_loop"
check ipc/print-notified client-ch '^\$[0-9]+ = 13$' "ch is not 13 in the client"
if grep -q -E '^Breakpoint [0-9]+, protected \(ch=37, msginfo=\.\.\.\) at server\.c' "$out/gdb.log"; then
    ok ipc/break-protected
else
    fail ipc/break-protected "no stop in the server's protected(37) with its symbols"
fi
check ipc/bt-protected server-bt '^#0 +protected \(ch=37, msginfo=\.\.\.\) at server\.c' "backtrace does not start in protected"
check ipc/bt-protected-caller server-bt '^#1 .* in handler_loop \(\) at lib/main\.c:[0-9]+$' "protected's caller is not handler_loop"
check ipc/print-protected server-ch '^\$[0-9]+ = 37$' "ch is not 37 in the server"
if section server-ch | grep -q -E '^[0-9]+[[:space:]]+microkit_dbg_put32\(ch\);' &&
    section server-next | grep -q '^Line [0-9]* of "server.c"'; then
    ok ipc/next
else
    fail ipc/next "next did not reach the next line of server.c"
fi
check ipc/moat-pds pds '^\* +1 server +runnable +prio 200 .*server\.elf.*\[current, satp, sym\]' "moat-pds does not show the server running"
check ipc/moat-kernel kernel-var '^\$[0-9]+ = "server"' "moat-kernel could not read cpus[0].cur->name (current) in user mode"
# moat-trace: the ring read from memory, which moat trace reads as a dump.
section trace >"$out/trace.log"
if ! "$B/moat" trace "$out/trace.log" -o "$out/trace.json" 2>"$out/trace.err"; then
    fail ipc/moat-trace "moat trace cannot read moat-trace's output: $(head -1 "$out/trace.err")"
elif ! grep -q '"name":"call server"' "$out/trace.json" ||
    ! grep -q '"name":"thread_name".*"name":"client"' "$out/trace.json"; then
    fail ipc/moat-trace "no lane for the client or no call to the server in moat-trace's timeline"
else
    ok ipc/moat-trace
fi

# The run's end: every line the example expects, in order, after the stops.
tr -d '\r' <"$out/console.log" >"$out/console.lines"
exec 3<"$out/console.lines"
missing=""
while IFS= read -r pat; do
    pat=${pat#debug: }
    [ -z "$pat" ] && continue
    found=0
    while IFS= read -r line <&3; do
        # shellcheck disable=SC2254
        case $line in $pat) found=1; break ;; esac
    done
    [ "$found" = 1 ] || { missing=$pat; break; }
done <"$top/examples/ipc/expect.txt"
exec 3<&-
if [ -n "$missing" ]; then
    fail ipc/end "the console lacks (or has out of order): '$missing'"
elif grep -q -e '^panic:' -e '^FAIL' "$out/console.lines"; then
    fail ipc/end "a panic: or FAIL line on the console"
elif ! section end | grep -q 'Remote connection closed'; then
    fail ipc/end "QEMU did not end by itself after the last continue"
else
    ok ipc/end
fi

if [ "$fails" != 0 ]; then
    echo "    gdb's output ($out/gdb.log):"
    sed 's/^/    | /' "$out/gdb.log" | tail -n 40
fi
[ "$fails" = 0 ]
