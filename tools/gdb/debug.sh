#!/bin/sh
# Boots a moat image in QEMU stopped at its first instruction, with QEMU's gdb
# stub on a TCP port, and runs gdb-multiarch on it with the kernel's symbols
# and tools/gdb/moat.py (docs/debugging.md). QEMU is stopped when gdb exits.
#
#   tools/gdb/debug.sh [options] IMAGE
#     -k KERNEL   the kernel ELF the image was built with
#                 (default: the SDK's debug kernel, build/sdk/board/qemu_virt_riscv64/debug/elf)
#     -r REPORT   the tool's report for the image (default: report.txt beside IMAGE)
#     -d DIR      a directory of PD ELFs (the tool's --search-path; repeatable;
#                 default: the report's directory)
#     -p PORT     the gdb stub's port (default: 25000 + uid % 5000)
#     -c FILE     the console to FILE instead of this terminal
#     -x FILE     gdb commands to run after connecting (with -b: in batch mode)
#     -b          batch mode: gdb runs -x FILE with no prompt and exits
#     -n          no gdb: start QEMU only, waiting, and print the gdb command
#                 to run in another terminal (for a system that reads the console)
# QEMU's stdin is /dev/null but with -n, so this runs with no tty and no stdin.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
KERNEL=$top/build/sdk/board/qemu_virt_riscv64/debug/elf/kernel.elf
REPORT="" DIRS="" PORT=$((25000 + $(id -u) % 5000)) CONSOLE="" SCRIPT="" BATCH="" NOGDB=""
QEMU=${QEMU:-qemu-system-riscv64}
GDB=${GDB:-gdb-multiarch}
while getopts k:r:d:p:c:x:bn o; do
    case $o in
    k) KERNEL=$OPTARG ;;
    r) REPORT=$OPTARG ;;
    d) DIRS="$DIRS $OPTARG" ;;
    p) PORT=$OPTARG ;;
    c) CONSOLE=$OPTARG ;;
    x) SCRIPT=$OPTARG ;;
    b) BATCH=1 ;;
    n) NOGDB=1 ;;
    *) sed -n '2,/^set -u/p' "$0" | sed '$d' >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# = 1 ] || { echo "usage: $0 [-k KERNEL] [-r REPORT] [-d DIR]... [-p PORT] [-c FILE] [-x FILE] [-b] [-n] IMAGE" >&2; exit 2; }
IMAGE=$1
[ -n "$REPORT" ] || REPORT=$(dirname "$IMAGE")/report.txt
for f in "$IMAGE" "$KERNEL" "$REPORT"; do
    [ -f "$f" ] || { echo "moat: $f: no such file" >&2; exit 1; }
done
if [ -z "$NOGDB" ] && ! command -v "$GDB" >/dev/null; then
    echo "moat: $GDB is missing (Debian: apt-get install gdb-multiarch; scripts/install-deps.sh)" >&2
    exit 1
fi

qemu="$QEMU -machine virt -nographic -bios default -no-reboot -kernel $IMAGE -gdb tcp:127.0.0.1:$PORT -S"
gdbcmd="$GDB -q -ex 'source $top/tools/gdb/moat.py' -ex 'file $KERNEL' -ex 'moat-system $REPORT$DIRS' -ex 'target remote 127.0.0.1:$PORT'"
if [ -n "$NOGDB" ]; then
    echo "moat: QEMU waits for gdb on port $PORT; in another terminal run:"
    echo "    $gdbcmd"
    echo "moat: Ctrl-A x quits QEMU"
    exec $qemu
fi

# QEMU in a session of its own, so that Ctrl-C, which gdb turns into a stop
# of the machine, does not reach it; the shell ignores it too (a no-op trap,
# which gdb does not inherit). $qemu is a command line: split on purpose.
# shellcheck disable=SC2086
if [ -n "$CONSOLE" ]; then
    setsid $qemu </dev/null >"$CONSOLE" 2>&1 &
else
    echo "moat: QEMU waits on port $PORT; the console is this terminal's, between gdb's prompts"
    setsid $qemu </dev/null &
fi
qemu_pid=$!
trap 'kill $qemu_pid 2>/dev/null; wait $qemu_pid 2>/dev/null' EXIT
trap ':' INT
trap 'exit 143' TERM

# gdb retries the connection (tcp auto-retry) until QEMU listens.
set -- -q -nx -ex "set tcp connect-timeout 10" -ex "source $top/tools/gdb/moat.py" \
    -ex "file $KERNEL" -ex "moat-system $REPORT$DIRS" -ex "target remote 127.0.0.1:$PORT"
if [ -n "$BATCH" ]; then
    "$GDB" "$@" -batch ${SCRIPT:+-x "$SCRIPT"} </dev/null
else
    "$GDB" "$@" ${SCRIPT:+-x "$SCRIPT"}
fi
