#!/bin/sh
# System tests: build each tests/system/<name>/ (every *.c is one PD program,
# linked as <name>.elf against the SDK exactly as a Microkit example is),
# run the moat tool on its system.xml, boot the image in QEMU and judge it:
#   - every line of expect.txt appears in the console output, in that order;
#   - QEMU's exit status equals the number in exit.txt (default 0);
#   - no line starts with "panic:".
# A directory's input.txt, if any, is fed to the serial port. A program whose
# file name ends in _tock.c is a libtock program (libtock.a, picolibc). A
# directory with a file `endless` holds a system that never stops: QEMU is
# stopped once every expected line has appeared.
# A test directory without expect.txt fails (there is nothing to judge its
# run by); an example without one is not booted.
# Also boots every examples/<name> that has an expect.txt.
# Prints `ok system/<name>` or `FAIL system/<name>: why`; exits 1 on any failure.
# KERNEL=<elf> boots another kernel build (e.g. the fast path compiled out);
# SUFFIX is appended to every test name. SYSTEMS=<dir> boots the systems in
# another directory (tests/harness: systems this script must judge failing),
# and no examples.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-$top/build}
BOARD=qemu_virt_riscv64
CONFIG=${CONFIG:-debug}
BOARD_DIR=$B/sdk/board/$BOARD/$CONFIG
TOOL=$B/sdk/bin/microkit
CC=riscv64-unknown-elf-gcc
LD=riscv64-unknown-elf-ld
ARCH="-march=rv64imafdc_zicsr_zifencei -mabi=lp64d"
CFLAGS="-nostdlib -ffreestanding -g -O3 -Wall -Wno-unused-function -Werror -I$BOARD_DIR/include -I$top/tests/system/include $ARCH"
TOCKFLAGS="-g -O3 -Wall -Werror -I$BOARD_DIR/include -I$top/tests/system/include $ARCH --specs=picolibc.specs"
# -icount makes instruction-driven timing (time slices) exact. Not sleep=off:
# with it, QEMU 7.2 does not wake an idle guest for serial input.
QEMU="qemu-system-riscv64 -machine virt -nographic -bios default -no-reboot -icount shift=0"
TIMEOUT=${TIMEOUT:-60}
only=${1:-}
SUFFIX=${SUFFIX:-}
override=""
[ -n "${KERNEL:-}" ] && override="--override-kernel $KERNEL"
fails=0

# missing LOG EXPECTFILE: print the first expected line the log lacks, if any.
# Every expected line must appear, in order, as a whole console line; a line
# may use shell wildcards (* ?) for what varies, such as a pc.
missing() {
    tr -d '\r' <"$1" >"$1.lines"
    exec 3<"$1.lines"
    while IFS= read -r pat || [ -n "$pat" ]; do
        [ -z "$pat" ] && continue
        found=0
        while IFS= read -r line <&3; do
            # shellcheck disable=SC2254
            case $line in $pat) found=1; break ;; esac
        done
        if [ "$found" = 0 ]; then
            echo "$pat"
            break
        fi
    done <"$2"
    exec 3<&-
}

# judge NAME LOG STATUS EXPECTFILE WANTSTATUS
judge() {
    name=$1 log=$2 status=$3 expect=$4 want=$5
    why=""
    if grep -q '^panic:' "$log"; then
        why="kernel panic"
    elif [ "$status" = 124 ] || [ "$status" = 137 ]; then
        why="timed out after ${TIMEOUT}s"
    elif [ "$status" != "$want" ]; then
        why="QEMU exit status $status, want $want"
    else
        pat=$(missing "$log" "$expect")
        [ -n "$pat" ] && why="missing (or out of order): '$pat'"
    fi
    if [ -z "$why" ]; then
        echo "ok system/$name$SUFFIX"
    else
        echo "FAIL system/$name$SUFFIX: $why"
        sed 's/^/    | /' "$log" | tail -n 25
        fails=$((fails + 1))
    fi
}

# build_failed NAME LOG: report a test whose image could not be built.
build_failed() {
    echo "FAIL system/$1: build failed"
    sed 's/^/    | /' "$2" | tail -n 15
    fails=$((fails + 1))
}

# feed IMAGE LOG INPUT: boot with INPUT arriving on the serial port once the
# kernel has printed its first line. (Bytes that QEMU hands the UART earlier
# are lost when OpenSBI resets the UART's FIFO, as keys pressed before a
# machine boots would be.)
feed() {
    fifo=$2.fifo
    rm -f "$fifo"
    mkfifo "$fifo"
    timeout -k 5 "$TIMEOUT" $QEMU -kernel "$1" <"$fifo" >"$2" 2>&1 &
    qemu=$!
    exec 4>"$fifo"
    tries=0
    while ! grep -q '^moat: booting' "$2" 2>/dev/null && kill -0 "$qemu" 2>/dev/null &&
        [ "$tries" -lt $((TIMEOUT * 10)) ]; do
        sleep 0.1
        tries=$((tries + 1))
    done
    cat "$3" >&4
    wait "$qemu"
    status=$?
    exec 4>&-
    rm -f "$fifo"
}

# until_expected IMAGE LOG EXPECTFILE: boot a system that never stops; stop
# QEMU (status 0) as soon as every expected line has appeared.
until_expected() {
    : >"$2" # now, not when the background QEMU gets to it: no old log is judged
    timeout -k 5 "$TIMEOUT" $QEMU -kernel "$1" </dev/null >>"$2" 2>&1 &
    qemu=$!
    while kill -0 "$qemu" 2>/dev/null; do
        if [ -z "$(missing "$2" "$3")" ]; then
            kill "$qemu" 2>/dev/null
            wait "$qemu"
            status=0
            return
        fi
        sleep 0.2
    done
    wait "$qemu"
    status=$?
}

# boot NAME IMAGE LOG DIR: boot the image and judge it by DIR's expect.txt and exit.txt.
# DIR's input.txt, if there is one, is what arrives on the serial port.
boot() {
    if [ -f "$4/endless" ]; then
        until_expected "$2" "$3" "$4/expect.txt"
    elif [ -f "$4/input.txt" ]; then
        feed "$2" "$3" "$4/input.txt"
    else
        timeout -k 5 "$TIMEOUT" $QEMU -kernel "$2" </dev/null >"$3" 2>&1
        status=$?
    fi
    want=0
    [ -f "$4/exit.txt" ] && want=$(cat "$4/exit.txt")
    judge "$1" "$3" "$status" "$4/expect.txt" "$want"
}

SYSTEMS=${SYSTEMS:-}
for dir in "${SYSTEMS:-$top/tests/system}"/*/; do
    name=$(basename "$dir")
    [ "$name" = include ] && continue
    [ -n "$only" ] && [ "$only" != "$name" ] && continue
    if [ ! -f "$dir/expect.txt" ]; then
        echo "FAIL system/$name$SUFFIX: no expect.txt: nothing to judge the run by"
        fails=$((fails + 1))
        continue
    fi
    out=$B/tests/system/$name$SUFFIX
    rm -rf "$out"
    mkdir -p "$out"
    built=1
    : >"$out/build.log"
    for c in "$dir"*.c; do
        prog=$(basename "$c" .c)
        case $prog in
        *_tock)
            $CC $TOCKFLAGS -c "$c" -o "$out/$prog.o" >>"$out/build.log" 2>&1 &&
                $CC $ARCH --specs=picolibc.specs -nostartfiles -L"$BOARD_DIR/lib" -Tlibtock.ld \
                    "$out/$prog.o" -Wl,--start-group -ltock -lmicrokit -lc -Wl,--end-group \
                    -o "$out/$prog.elf" >>"$out/build.log" 2>&1 ;;
        *)
            $CC $CFLAGS -c "$c" -o "$out/$prog.o" >>"$out/build.log" 2>&1 &&
                $LD -L"$BOARD_DIR/lib" "$out/$prog.o" -lmicrokit -Tmicrokit.ld \
                    -o "$out/$prog.elf" >>"$out/build.log" 2>&1 ;;
        esac || { built=0; break; }
    done
    if [ "$built" = 1 ] && ! (cd "$dir" && "$TOOL" system.xml --search-path "$out" --board "$BOARD" \
        --config "$CONFIG" $override -o "$out/loader.img" -r "$out/report.txt") >>"$out/build.log" 2>&1; then
        built=0
    fi
    if [ "$built" = 0 ]; then
        build_failed "$name$SUFFIX" "$out/build.log"
        continue
    fi
    boot "$name" "$out/loader.img" "$out/console.log" "$dir"
done

for dir in "$top"/examples/*/; do
    [ -n "${KERNEL:-}" ] && break # examples boot the SDK's kernel only
    [ -n "$SYSTEMS" ] && break
    name=example-$(basename "$dir")
    [ -f "$dir/expect.txt" ] || continue
    [ -n "$only" ] && [ "$only" != "$name" ] && continue
    img=build/examples/$(basename "$dir")/loader.img # the top Makefile's own target name
    if ! make -s -C "$top" "$img" CONFIG="$CONFIG" >"$B/$name.build.log" 2>&1; then
        build_failed "$name" "$B/$name.build.log"
        continue
    fi
    boot "$name" "$top/$img" "$B/$name.console.log" "$dir"
done
[ "$fails" = 0 ]
