#!/bin/sh
# System tests: build each tests/system/<name>/ (every *.c is one PD program,
# linked as <name>.elf against the SDK exactly as a Microkit example is; every
# *.rs one Rust PD program, built by the SDK's rust/rust.mk),
# run the moat tool on its system.xml, boot the image in QEMU and judge it:
#   - every line of expect.txt appears in the console output, in that order;
#   - QEMU's exit status equals the number in exit.txt (default 0);
#   - no line starts with "panic:", and none with "FAIL" (what check.h's
#     CHECK_EQ prints for a failed check);
#   - no line the system printed matches an expect.txt line `never: <line>`
#     (a line that must not appear, shell wildcards allowed; see "Lines that
#     must not appear" below).
# The console log is judged after `moat symbolize` has read it (with the
# tool's report and the directory of the programs), so an expected line
# may be one it adds after a fault report, such as `MON|ERROR: pc 0x* in
# poke at tests/system/fault_report/crasher.c:11` (file names are relative
# to the top of the tree); the log as QEMU wrote it stays in console.log.raw.
# A directory's input.txt, if any, is fed to the serial port. A directory's
# file `qemu_args`, if any, holds more QEMU arguments, appended to its
# command line (tock_rng: `-device virtio-rng-device`); an example's too,
# which `make simulate` passes likewise. A program whose
# file name ends in _tock.c is a libtock program (libtock.a, picolibc); one
# in _tockdrv.c a Tock driver PD (tockdrv.o). The SDK's driver PDs are on the
# tool's search path. A directory with a file `endless` holds a system that never stops: QEMU is
# stopped once every expected line has appeared, and the run is judged up
# to the last of them (what follows depends on when QEMU was stopped).
# A directory's file `cflags`, if any, holds compiler flags for its programs
# (fuzz_budgets, fuzz_domains: shorter runs of fuzz's programs). A directory's file
# `timeout`, if any, holds its own time limit in seconds
# for systems that run a long stretch of guest time (TIMEOUT, default 60, is
# everyone else's): a limit only turns a hang into a failure.
# A test directory without expect.txt fails (there is nothing to judge its
# run by); an example without one is not booted.
# Also boots every examples/<name> that has an expect.txt.
# Prints `ok system/<name>` or `FAIL system/<name>: why`; exits 1 on any failure.
#
# CONFIG=debug (the default), release or benchmark picks the SDK's
# configuration: its kernel, its library, and the tool's --config. KERNEL=<elf> boots another
# kernel build of that configuration (e.g. the fast path compiled out);
# SUFFIX is appended to every test name. PD_CFLAGS are added to every PD
# program's compiler flags (make fuzz-kernel: -DFUZZ_SEED=.. -DFUZZ_CALLS=..).
# SYSTEMS=<dir> boots the systems in another directory (tests/harness:
# systems this script must judge failing), and no examples.
#
# Release kernels. A release kernel refuses SYS_DEBUG_HALT (E_NOSYS: no PD of
# a shipped system can power it off), so no exit status carries a verdict,
# and it prints nothing of its own but a panic's lines: no boot lines, no
# fault reports, no messages about refused calls. So with CONFIG=release
#   - every system (but one with `never:` lines, below) is run as an
#     `endless` one: QEMU is stopped once every expected line has appeared
#     (or a "panic:" or "FAIL" line has), and the run is judged up to the
#     last expected line, where a debug kernel's run would have ended with
#     SYS_DEBUG_HALT (check.h's check_done() returns on a release kernel,
#     and the PDs go on); if QEMU stops by itself first (the kernel halts
#     when every PD waits and nothing can wake one), its exit status must be
#     0. exit.txt is not used;
#   - an expect.txt line `debug: <line>` is expected only on debug kernels,
#     and `release: <line>` only on release kernels (the prefix is not part of
#     the line): examples/serial's halt message is one, and system/exit_status
#     checks that a release kernel refuses the halt with E_NOSYS. The lines
#     of the kernel (`moat: ...`, `MON|ERROR: ...`, the register dump) and
#     of libmicrokit (`<pd> microkit_notify: invalid channel given ...`) are
#     `debug:` lines: microkit_dbg_* print nothing in release, as upstream's.
#     The system tests print with moat_dbg_* (check.h's too), which do.
# No system is skipped in release. What a release run cannot judge is that a
# system ends, or what it does after its last expected line: the debug runs
# judge that. make test-system runs every system on the debug kernel, on
# debug-nofast (the IPC fast path compiled out; names end in /nofast) and on
# the release kernel (/release).
#
# Lines that must not appear. A `never: <line>` line of expect.txt (after a
# `debug: ` or `release: ` prefix, if any: `release: never: MON|*`) expects
# no line the system printed to match <line>: no console line after
# OpenSBI's banner (its last `Boot HART` line), leaving out QEMU's own
# message when it is stopped. They are judged on the whole run, past the
# last expected line too, and a system with such lines is not stopped early
# on a release kernel unless it is `endless`: it runs to its end, and its
# exit status must then be 0 (system/quiet forbids, on a release kernel,
# every line of the kernel and of libmicrokit). A configuration for which
# expect.txt has no line to expect (an example's Microkit programs print
# nothing in release) expects nothing printed at all, as if it said
# `never: *`; an `endless` one is watched for QUIET seconds (default 3),
# then stopped.
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
PD_CFLAGS=${PD_CFLAGS:-}
CFLAGS="-nostdlib -ffreestanding -g -O3 -Wall -Wno-unused-function -Werror -I$BOARD_DIR/include -I$top/tests/system/include $ARCH $PD_CFLAGS"
TOCKFLAGS="-g -O3 -Wall -Werror -I$BOARD_DIR/include -I$top/tests/system/include $ARCH --specs=picolibc.specs $PD_CFLAGS"
# -icount makes instruction-driven timing (time slices) exact. Not sleep=off:
# with it, QEMU 7.2 does not wake an idle guest for serial input.
QEMU="qemu-system-riscv64 -machine virt -nographic -bios default -no-reboot -icount shift=0"
TIMEOUT=${TIMEOUT:-60}
QUIET=${QUIET:-3}
only=${1:-}
# ONLY="a b c": boot just these systems (test-system's smp-debug pass).
ONLY=${ONLY:-}
SUFFIX=${SUFFIX:-}
override=""
[ -n "${KERNEL:-}" ] && override="--override-kernel $KERNEL"
# FASTPATH=0: the kernel has the IPC fast path compiled out (the default for
# a KERNEL whose path names nofast). `fast: <line>` lines are expected only
# with the fast path, `general: <line>` lines only without it.
case ${KERNEL:-} in
*nofast*) FASTPATH=${FASTPATH:-0} ;;
*) FASTPATH=${FASTPATH:-1} ;;
esac
if [ "$FASTPATH" = 0 ]; then drop=fast keep=general; else drop=general keep=fast; fi
# CONFIG=benchmark (not a debug build either: no SYS_DEBUG_HALT) is judged
# as release is, and boots only the systems marked for it (a file
# `benchmark` in their directory); `benchmark: <line>` lines are its own.
# CONFIG=smp-debug and smp-release (Microkit's multicore configurations)
# boot only the systems marked for them (a file `smp` in their directory,
# and those are booted on nothing else), under QEMU -smp 4; their
# `debug:` and `release:` lines are those of smp-debug and smp-release.
# SMP_ALL=1 boots the others too (their PDs all on core 0), but for those
# marked `nosmp` (what the SMP kernel does not have yet; none is now).
# CONFIG=smp-benchmark boots the systems marked both `smp` and `benchmark`,
# judged as benchmark runs are.
case $CONFIG in
debug) halts=1 kind=debug ;;
release|benchmark) halts=0 kind=$CONFIG ;;
smp-debug) halts=1 kind=debug ;;
smp-release) halts=0 kind=release ;;
smp-benchmark) halts=0 kind=benchmark ;;
*) echo "FAIL system: CONFIG=$CONFIG: debug, release, benchmark or their smp- forms expected"; exit 1 ;;
esac
smp=0
case $CONFIG in smp-*) smp=1 ;; esac
fails=0

# missing LOG EXPECTFILE: print the first expected line the log lacks, if any.
# Every expected line must appear, in order, as a whole console line; a line
# may use shell wildcards (* ?) for what varies, such as a pc. Leaves the log
# without carriage returns in LOG.lines and, if no line is missing, the
# number of the line where the last expected one appeared in LOG.upto.
missing() {
    tr -d '\r' <"$1" >"$1.lines"
    exec 3<"$1.lines"
    n=0 found=1
    rm -f "$1.upto"
    while IFS= read -r pat || [ -n "$pat" ]; do
        [ -z "$pat" ] && continue
        found=0
        while IFS= read -r line <&3; do
            n=$((n + 1))
            # shellcheck disable=SC2254
            case $line in $pat) found=1; break ;; esac
        done
        if [ "$found" = 0 ]; then
            echo "$pat"
            break
        fi
    done <"$2"
    exec 3<&-
    [ "$found" = 1 ] && echo "$n" >"$1.upto"
}

# expected EXPECTFILE OUT: write to OUT the lines this configuration expects
# (`debug: ` or `release: ` lines as the configuration is, `benchmark: `
# ones on the benchmark kernel, without their prefix, no other's; then
# likewise for `fast: ` and `general: `, all others), and to OUT.never the `never: ` ones, without that prefix: `*` if
# OUT is empty.
expected() {
    sed -e "s/^$kind: //" -e "/^debug: /d" -e "/^release: /d" -e "/^benchmark: /d" \
        -e "s/^$keep: //" -e "/^$drop: /d" "$1" >"$2.all"
    grep -v '^never: ' "$2.all" >"$2"
    sed -n 's/^never: //p' "$2.all" >"$2.never"
    grep -q . "$2" || echo '*' >>"$2.never"
}

# forbidden LOG NEVERFILE: print the first line the system printed (after
# OpenSBI's banner, without QEMU's message when stopped) that matches a
# pattern of NEVERFILE, if any.
forbidden() {
    [ -s "$2" ] || return 0
    tr -d '\r' <"$1" |
        awk '/^Boot HART/ { n = NR } { l[NR] = $0 } END { for (i = n + 1; i <= NR; i++) print l[i] }' |
        grep -v '^qemu-system-riscv64: terminating on signal' >"$1.printed"
    while IFS= read -r line; do
        while IFS= read -r pat; do
            # shellcheck disable=SC2254
            case $line in $pat) echo "$line"; return ;; esac
        done <"$2"
    done <"$1.printed"
}

# judge NAME LOG STATUS EXPECTFILE WANTSTATUS CUT
# With CUT non-empty (QEMU stopped by `run`, at some time after the last
# expected line), a run that shows every expected line is judged only up to
# the last of them: what comes after it depends on when QEMU was stopped.
judge() {
    name=$1 log=$2 status=$3 expect=$4 want=$5
    why=""
    pat=$(missing "$log" "$expect")
    seen=$log.lines
    if [ -z "$pat" ] && [ -n "$6" ]; then
        seen=$log.seen
        head -n "$(cat "$log.upto")" "$log.lines" >"$seen"
        grep -q . "$expect" || seen=$log.lines # nothing to expect: the whole run watched
        status=$want
    fi
    if grep -q '^panic:' "$seen"; then
        why="kernel panic"
    elif [ "$status" = 124 ] || [ "$status" = 137 ]; then
        why="timed out after ${TIMEOUT}s"
    elif [ "$status" != "$want" ]; then
        why="QEMU exit status $status, want $want"
    elif failed=$(grep -m 1 '^FAIL' "$seen"); then
        why="a failed check: '$failed'"
    elif [ -n "$pat" ]; then
        why="missing (or out of order): '$pat'"
    elif bad=$(forbidden "$log" "$expect.never") && [ -n "$bad" ]; then
        why="a line that must not appear: '$bad'"
    fi
    if [ -z "$why" ]; then
        echo "ok system/$name$SUFFIX"
    else
        echo "FAIL system/$name$SUFFIX: $why"
        # The trace's dump at halt (moat trace reads it) would fill the tail.
        grep -v 'moat: trace data ' "$log" | sed 's/^/    | /' | tail -n 25
        fails=$((fails + 1))
    fi
}

# build_failed NAME LOG: report a test whose image could not be built.
build_failed() {
    echo "FAIL system/$1: build failed"
    sed 's/^/    | /' "$2" | tail -n 15
    fails=$((fails + 1))
}

# run IMAGE LOG INPUT STOP: boot IMAGE with its console in LOG, and set
# `status` to QEMU's exit status. $extra holds the directory's own QEMU
# arguments (its file `qemu_args`), split at white space.
# INPUT, if not empty, is a file that arrives on the serial port once
# OpenSBI has printed its first `Boot HART` line, just before it starts the
# kernel (a line every configuration prints: a release kernel prints none of
# its own). Bytes that QEMU hands the UART earlier are lost when OpenSBI
# resets the UART's FIFO, as keys pressed before a machine boots would be.
# STOP, if not empty, is an expect file: QEMU is stopped as soon as every
# line of it has appeared, or a "panic:" or "FAIL" line has (which judge
# then reports); if STOP has no line, after QUIET seconds.
run() {
    : >"$2" # now, not when the background QEMU gets to it: no old log is judged
    if [ -n "$3" ]; then
        fifo=$2.fifo
        rm -f "$fifo"
        mkfifo "$fifo"
        timeout -k 5 "$TIMEOUT" $QEMU $extra -kernel "$1" <"$fifo" >>"$2" 2>&1 &
        qemu=$!
        exec 4>"$fifo"
        tries=0
        while ! grep -q '^Boot HART' "$2" 2>/dev/null && kill -0 "$qemu" 2>/dev/null &&
            [ "$tries" -lt $((TIMEOUT * 10)) ]; do
            sleep 0.1
            tries=$((tries + 1))
        done
        cat "$3" >&4
    else
        timeout -k 5 "$TIMEOUT" $QEMU $extra -kernel "$1" </dev/null >>"$2" 2>&1 &
        qemu=$!
    fi
    if [ -n "$4" ]; then
        ticks=0 least=0 # 0.2 s each
        grep -q . "$4" || least=$((QUIET * 5))
        while kill -0 "$qemu" 2>/dev/null; do
            if { [ -z "$(missing "$2" "$4")" ] && [ "$ticks" -ge "$least" ]; } ||
                grep -q -e '^panic:' -e '^FAIL' "$2"; then
                kill "$qemu" 2>/dev/null
                break
            fi
            sleep 0.2
            ticks=$((ticks + 1))
        done
    fi
    wait "$qemu"
    status=$?
    if [ -n "$3" ]; then
        exec 4>&-
        rm -f "$fifo"
    fi
}

# symbolize LOG REPORT DIR...: pass the console log through `moat symbolize`
# (the unsymbolized log stays in LOG.raw), so that each fault report is
# followed by the function and line of its pc and ra; an expect.txt may
# expect those lines (but not in an `endless` system, which is stopped by
# the raw log's lines).
symbolize() {
    s_log=$1
    shift
    mv "$s_log" "$s_log.raw"
    (cd "$top" && "$TOOL" symbolize "$@") <"$s_log.raw" >"$s_log" 2>"$s_log.symbolize" ||
        cp "$s_log.raw" "$s_log" # file names relative to the top of the tree
}

# boot NAME IMAGE LOG DIR REPORT ELFDIR...: boot the image, symbolize its
# console log with the tool's REPORT and the programs in the ELFDIRs, and
# judge it by DIR's expect.txt (the lines for this configuration, written
# next to LOG) and exit.txt.
# DIR's input.txt, if there is one, is what arrives on the serial port.
boot() {
    expect=$3.expect
    expected "$4/expect.txt" "$expect"
    input=""
    [ -f "$4/input.txt" ] && input=$4/input.txt
    stop=""
    if [ -f "$4/endless" ]; then
        stop=$expect
    elif [ "$halts" = 0 ] && [ ! -s "$expect.never" ]; then
        stop=$expect # a system with lines that must not appear runs to its end
    fi
    extra=""
    [ "$smp" = 1 ] && extra="-smp 4"
    [ -f "$4/qemu_args" ] && extra="$extra $(cat "$4/qemu_args")"
    limit=$TIMEOUT
    [ -f "$4/timeout" ] && TIMEOUT=$(cat "$4/timeout")
    run "$2" "$3" "$input" "$stop"
    want=0
    [ -f "$4/exit.txt" ] && [ "$halts" = 1 ] && want=$(cat "$4/exit.txt")
    b_name=$1 b_log=$3
    shift 4
    symbolize "$b_log" "$@"
    judge "$b_name" "$b_log" "$status" "$expect" "$want" "$stop"
    TIMEOUT=$limit
}

SYSTEMS=${SYSTEMS:-}
for dir in "${SYSTEMS:-$top/tests/system}"/*/; do
    name=$(basename "$dir")
    [ "$name" = include ] && continue
    [ -n "$only" ] && [ "$only" != "$name" ] && continue
    [ -n "$ONLY" ] && ! case " $ONLY " in *" $name "*) true ;; *) false ;; esac && continue
    case $CONFIG in *benchmark) [ -f "$dir/benchmark" ] || continue ;; esac
    [ "$smp" = 1 ] && [ ! -f "$dir/smp" ] && [ "${SMP_ALL:-0}" = 0 ] && continue
    [ "$smp" = 1 ] && [ -f "$dir/nosmp" ] && continue
    [ "$smp" = 0 ] && [ -f "$dir/smp" ] && continue
    if [ ! -f "$dir/expect.txt" ]; then
        echo "FAIL system/$name$SUFFIX: no expect.txt: nothing to judge the run by"
        fails=$((fails + 1))
        continue
    fi
    out=$B/tests/system/$name$SUFFIX
    rm -rf "$out"
    mkdir -p "$out"
    built=1
    dflags="" # the directory's own compiler flags (its file `cflags`)
    [ -f "$dir/cflags" ] && dflags=$(cat "$dir/cflags")
    : >"$out/build.log"
    for c in "$dir"*.c; do
        [ -e "$c" ] || continue
        prog=$(basename "$c" .c)
        case $prog in
        *_tock)
            $CC $TOCKFLAGS $dflags -c "$c" -o "$out/$prog.o" >>"$out/build.log" 2>&1 &&
                $CC $ARCH --specs=picolibc.specs -nostartfiles -L"$BOARD_DIR/lib" -Tlibtock.ld \
                    "$out/$prog.o" -Wl,--start-group -ltock -lmicrokit -lc -Wl,--end-group \
                    -o "$out/$prog.elf" >>"$out/build.log" 2>&1 ;;
        *_tockdrv) # a Tock driver served by a PD (tockdrv.h)
            $CC $CFLAGS $dflags -c "$c" -o "$out/$prog.o" >>"$out/build.log" 2>&1 &&
                $LD -L"$BOARD_DIR/lib" "$out/$prog.o" "$BOARD_DIR/lib/tockdrv.o" -lmicrokit \
                    -Tmicrokit.ld -o "$out/$prog.elf" >>"$out/build.log" 2>&1 ;;
        *)
            $CC $CFLAGS $dflags -c "$c" -o "$out/$prog.o" >>"$out/build.log" 2>&1 &&
                $LD -L"$BOARD_DIR/lib" "$out/$prog.o" -lmicrokit -Tmicrokit.ld \
                    -o "$out/$prog.elf" >>"$out/build.log" 2>&1 ;;
        esac || { built=0; break; }
    done
    # A Rust program, built by the SDK's rust/rust.mk as a Rust PD's Makefile would.
    for r in "$dir"*.rs; do
        [ "$built" = 1 ] && [ -e "$r" ] || continue
        (cd "$dir" && make -s --no-print-directory -f "$B/sdk/rust/rust.mk" MICROKIT_SDK="$B/sdk" \
            MICROKIT_BOARD=$BOARD MICROKIT_CONFIG="$CONFIG" BUILD_DIR="$out" \
            "$out/$(basename "$r" .rs).elf") >>"$out/build.log" 2>&1 || built=0
    done
    # The SDK's driver PDs (tock_leds.elf, ...) are found as a user's Makefile finds them.
    if [ "$built" = 1 ] && ! (cd "$dir" && "$TOOL" system.xml --search-path "$out" \
        --search-path "$BOARD_DIR/drivers" --board "$BOARD" \
        --config "$CONFIG" $override -o "$out/loader.img" -r "$out/report.txt") >>"$out/build.log" 2>&1; then
        built=0
    fi
    if [ "$built" = 0 ]; then
        build_failed "$name$SUFFIX" "$out/build.log"
        continue
    fi
    boot "$name" "$out/loader.img" "$out/console.log" "$dir" "$out/report.txt" "$out" "$BOARD_DIR/drivers"
done

for dir in "$top"/examples/*/; do
    [ -n "${KERNEL:-}" ] && break # examples boot the SDK's kernel only
    [ -n "$SYSTEMS" ] && break
    name=example-$(basename "$dir")
    [ -f "$dir/expect.txt" ] || continue
    [ -n "$only" ] && [ "$only" != "$name" ] && continue
    case $CONFIG in *benchmark) [ -f "$dir/benchmark" ] || continue ;; esac
    [ "$smp" = 1 ] && [ ! -f "$dir/smp" ] && continue
    [ "$smp" = 0 ] && [ -f "$dir/smp" ] && continue
    img=build/examples/$CONFIG/$(basename "$dir")/loader.img # the top Makefile's own target name
    log=$B/examples/$CONFIG/$name
    mkdir -p "$(dirname "$log")"
    # From scratch: an example's Makefile, as upstream's, does not relink
    # its programs or rebuild its image when only the SDK has changed.
    rm -rf "${top:?}/$(dirname "$img")"
    if ! make -s -C "$top" "$img" CONFIG="$CONFIG" >"$log.build.log" 2>&1; then
        build_failed "$name$SUFFIX" "$log.build.log"
        continue
    fi
    boot "$name" "$top/$img" "$log.console.log" "$dir" "$top/$(dirname "$img")/report.txt"
done
[ "$fails" = 0 ]
