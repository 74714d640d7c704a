#!/bin/sh
# Tests of the kernel's own address space, on the kernel booted in QEMU.
#
# kmap/*: boots tests/kernel/spin (one PD that spins in U-mode once it
# runs), stops the machine from QEMU's monitor and reads the page table in
# force with `info mem`. That is the PD's root table; its kernel half is what
# the kernel runs on while it serves the PD. Checked against the kernel ELF's
# sections and symbols: text is read-execute, read-only data read-only, data,
# bss, the stack and the direct map read-write and never executable; the page
# below the kernel stack is unmapped (the guard page), and so are OpenSBI's
# memory and the gigabytes the kernel never touches; no kernel page is
# reachable from U-mode.
#
# kmap/stack-overflow: boots a kernel built with -DMOAT_TEST_STACK_OVERFLOW
# (build/kernel-debug-stack-overflow, never part of the SDK), which recurses
# without end at boot: the first store into the guard page must be reported
# (`kernel trap:` with a store page fault in the guard page, then `panic:`)
# and QEMU must stop with a failure status, not hang or run on corrupted.
#
# Prints `ok kmap/<name>` or `FAIL kmap/<name>: why`; exits 1 on any failure.
# KERNEL=<elf> checks the mappings of another kernel build (default: the
# debug SDK's); OVERFLOW_KERNEL=<elf> boots another overflowing kernel.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-$top/build}
BOARD=qemu_virt_riscv64
BOARD_DIR=$B/sdk/board/$BOARD/debug
TOOL=$B/sdk/bin/microkit
KERNEL=${KERNEL:-$BOARD_DIR/elf/kernel.elf}
OVERFLOW_KERNEL=${OVERFLOW_KERNEL:-$B/kernel-debug-stack-overflow/kernel.elf}
CROSS=riscv64-unknown-elf-
QEMU="qemu-system-riscv64 -machine virt -nographic -bios default -no-reboot -icount shift=0"
TIMEOUT=${TIMEOUT:-30}
out=$B/tests/kernel
fails=0
mkdir -p "$out"

ok() { echo "ok kmap/$1"; }
fail() {
    echo "FAIL kmap/$1: $2"
    fails=$((fails + 1))
}

# Kernel addresses are KERNEL_VBASE (0xffffffc000000000) + an offset. The
# shell's arithmetic is signed 64-bit (dash clamps larger hex literals), so
# this script works with offsets: koff HEX prints the offset of a kernel
# address in the first 64 GiB of the kernel half (all the kernel maps), or
# nothing for any other address.
koff() {
    case $1 in
    ffffffc?????????) echo $((0x${1#ffffffc})) ;;
    esac
}

# sym NAME: the kernel's symbol NAME as an offset, or nothing.
sym() {
    a=$(${CROSS}nm "$KERNEL" | awk -v n="$1" '$3 == n { print $1; exit }')
    [ -n "$a" ] && koff "$a"
}

# section NAME lo|hi: where a section of the kernel ELF starts or ends, as
# an offset, or nothing.
section() {
    ${CROSS}readelf -S -W "$KERNEL" | sed 's/^ *\[ *[0-9]*\] *//' |
        awk -v n="$1" '$1 == n { print $3, $5; exit }' | {
        read -r a s || exit 0
        if [ "$2" = lo ]; then koff "$a"; else echo $(($(koff "$a") + 0x$s)); fi
    }
}

# attr OFF: the permissions (info mem's rwxugad) of the page at kernel
# offset OFF, or "unmapped".
attr() {
    while read -r lo size at; do
        if [ "$1" -ge "$lo" ] && [ "$1" -lt $((lo + size)) ]; then
            echo "$at"
            return
        fi
    done <"$out/kernel.map"
    echo unmapped
}

# pages NAME LO HI PATTERN: every page of [LO, HI) must have permissions that
# match the shell pattern PATTERN (e.g. 'r-x-g*' or unmapped).
pages() {
    p=$(($2 / 4096 * 4096))
    while [ "$p" -lt "$3" ]; do
        a=$(attr "$p")
        # shellcheck disable=SC2254
        case $a in
        $4) ;;
        *)
            fail "$1" "$(printf 'page 0x%x (kernel offset) is %s, want %s' "$p" "$a" "$4")"
            return
            ;;
        esac
        p=$((p + 4096))
    done
    ok "$1"
}

# build_spin: the spin system's image, on the kernel ELF $1, at $2.
build_spin() {
    ${CROSS}gcc -nostdlib -ffreestanding -g -O2 -Wall -Werror -I"$BOARD_DIR/include" \
        -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -c "$top/tests/kernel/spin/spin.c" \
        -o "$out/spin.o" &&
        ${CROSS}ld -L"$BOARD_DIR/lib" "$out/spin.o" -lmicrokit -Tmicrokit.ld -o "$out/spin.elf" &&
        (cd "$top/tests/kernel/spin" && "$TOOL" system.xml --search-path "$out" --board "$BOARD" \
            --config debug --override-kernel "$1" -o "$2" -r "$out/report.txt")
}

# Boot the spin system with the monitor on stdin/stdout and the console in a
# file; once the PD runs, stop the CPU and print the page table in force.
mappings() {
    if ! build_spin "$KERNEL" "$out/spin.img" >"$out/build.log" 2>&1; then
        fail boot "could not build tests/kernel/spin (see $out/build.log)"
        return
    fi
    rm -f "$out/mon.fifo" "$out/console.log"
    mkfifo "$out/mon.fifo"
    # shellcheck disable=SC2086 # $QEMU is a command line
    timeout -k 5 "$TIMEOUT" $QEMU -serial "file:$out/console.log" -monitor stdio \
        -kernel "$out/spin.img" <"$out/mon.fifo" >"$out/monitor.log" 2>&1 &
    qemu=$!
    exec 4>"$out/mon.fifo"
    tries=0
    while ! grep -q '^spin: running' "$out/console.log" 2>/dev/null &&
        kill -0 "$qemu" 2>/dev/null && [ "$tries" -lt $((TIMEOUT * 10)) ]; do
        sleep 0.1
        tries=$((tries + 1))
    done
    printf 'stop\ninfo mem\nquit\n' >&4
    wait "$qemu"
    exec 4>&-
    rm -f "$out/mon.fifo"
    if ! grep -q '^spin: running' "$out/console.log"; then
        fail boot "the PD never ran"
        sed 's/^/    | /' "$out/console.log" | tail -n 15
        return
    fi
    # info mem: "vaddr paddr size rwxugad", one line per run of pages alike.
    tr -d '\r' <"$out/monitor.log" |
        grep -E '^[0-9a-f]{16} [0-9a-f]{16} [0-9a-f]{16} [-r][-w][-x][-u][-g][-a][-d]$' \
            >"$out/info-mem.txt"
    : >"$out/kernel.map"
    : >"$out/user.map"
    stray=""
    while read -r va pa size at; do
        case $va in
        0000*) echo "$pa $at" >>"$out/user.map" ;;
        ffffffc*) echo "$(koff "$va") $((0x$size)) $at" >>"$out/kernel.map" ;;
        *) stray="$stray $va" ;;
        esac
    done <"$out/info-mem.txt"
    if [ ! -s "$out/kernel.map" ] || [ ! -s "$out/user.map" ]; then
        fail boot "no page table read from QEMU's monitor (see $out/monitor.log)"
        return
    fi
    ok boot

    text_lo=$(section .text lo) text_hi=$(section .text hi)
    ro_lo=$(section .rodata lo) ro_hi=$(section .rodata hi)
    data_lo=$(section .data lo) bss_hi=$(section .bss hi)
    image=$(sym __image_start) top_=$(sym kstack_top) stack=$(sym kstack)
    # Kernels from before the guard page had no symbol for the stack's lowest
    # address; their stack was 16 KiB.
    [ -z "$stack" ] && [ -n "$top_" ] && stack=$((top_ - 16384))
    for v in "$text_lo" "$text_hi" "$ro_lo" "$ro_hi" "$data_lo" "$bss_hi" "$image" "$top_"; do
        if [ -z "$v" ]; then
            fail symbols "the kernel ELF lacks a section or symbol this test reads"
            return
        fi
    done

    pages text-read-execute "$text_lo" "$text_hi" 'r-x-g*'
    pages rodata-read-only "$ro_lo" "$ro_hi" 'r---g*'
    pages data-bss-read-write "$data_lo" "$bss_hi" 'rw--g*'
    pages stack-read-write "$stack" "$top_" 'rw--g*'
    pages stack-guard-unmapped $((stack - 4096)) "$stack" unmapped
    pages image-read-write "$image" $((image + 4096)) 'rw--g*'
    pages firmware-unmapped $((0x80000000)) $((0x80200000)) unmapped
    pages devices-read-write $((0x10000000)) $((0x10001000)) 'rw--g*' # the UART
    pages unused-unmapped $((0x40000000)) $((0x40001000)) unmapped
    pages unused-unmapped-3g $((0xc0000000)) $((0xc0001000)) unmapped

    # Whole-table properties: only text executes, nothing is both writable
    # and executable, nothing is reachable from U-mode.
    why=""
    while read -r lo size at; do
        case $at in
        ?wx*) why="$(printf '0x%x..0x%x is writable and executable' "$lo" $((lo + size)))" ;;
        ??x*)
            if [ "$lo" -lt $((text_lo / 4096 * 4096)) ] ||
                [ $((lo + size)) -gt $(((text_hi + 4095) / 4096 * 4096)) ]; then
                why="$(printf '0x%x..0x%x is executable, beyond the text' "$lo" $((lo + size)))"
            fi
            ;;
        esac
        case $at in
        ???u*) why="$(printf '0x%x..0x%x is a U-mode page' "$lo" $((lo + size)))" ;;
        esac
        [ -n "$why" ] && break
    done <"$out/kernel.map"
    [ -n "$stray" ] && why="mapped outside the kernel's range:$stray"
    if [ -z "$why" ]; then ok only-text-executes; else fail only-text-executes "$why"; fi

    # The kernel reaches a PD's pages through the direct map (arch_phys):
    # read-write there, never executable, even the PD's code.
    why=""
    while read -r pa at; do
        off=$((0x$pa))
        a=$(attr "$off")
        case $a in
        rw--g*) ;;
        *) why="$(printf 'the direct map of PD page 0x%x is %s' "$off" "$a")"; break ;;
        esac
    done <"$out/user.map"
    if [ -z "$why" ]; then ok pd-memory-read-write; else fail pd-memory-read-write "$why"; fi
}

# in_guard OFF STACK: is kernel offset OFF in the page below STACK?
in_guard() {
    [ -n "$1" ] && [ "$1" -ge $(($2 - 4096)) ] && [ "$1" -lt "$2" ]
}

# The overflowing kernel must report the overflow and stop.
stack_overflow() {
    name="stack-overflow"
    if [ ! -f "$OVERFLOW_KERNEL" ]; then
        fail $name "no $OVERFLOW_KERNEL (make $OVERFLOW_KERNEL)"
        return
    fi
    if ! build_spin "$OVERFLOW_KERNEL" "$out/overflow.img" >"$out/overflow-build.log" 2>&1; then
        fail $name "could not build the image (see $out/overflow-build.log)"
        return
    fi
    # shellcheck disable=SC2086 # $QEMU is a command line
    timeout -k 5 "$TIMEOUT" $QEMU -kernel "$out/overflow.img" </dev/null >"$out/overflow.log" 2>&1
    status=$?
    tr -d '\r' <"$out/overflow.log" >"$out/overflow.lines"
    KERNEL=$OVERFLOW_KERNEL
    stack=$(sym kstack)
    trap_line=$(grep -m1 '^kernel trap:' "$out/overflow.lines")
    stval=$(echo "$trap_line" | sed -n 's/.*stval=0x\([0-9a-f]*\).*/\1/p')
    why=""
    if [ "$status" = 124 ] || [ "$status" = 137 ]; then
        why="timed out after ${TIMEOUT}s (hung)"
    elif [ "$status" = 0 ]; then
        why="QEMU exited with status 0"
    elif [ -z "$trap_line" ]; then
        why="no 'kernel trap:' line"
    elif ! echo "$trap_line" | grep -q 'scause=0xf '; then
        why="the trap is not a store page fault: $trap_line"
    elif [ -z "$stack" ]; then
        why="the kernel has no symbol 'kstack'"
    elif ! in_guard "$(koff "$stval")" "$stack"; then
        why="stval 0x$stval is not in the guard page below the stack: $trap_line"
    elif ! grep -q 'kernel stack overflow' "$out/overflow.lines"; then
        why="the kernel did not say 'kernel stack overflow'"
    elif ! grep -q '^panic:' "$out/overflow.lines"; then
        why="no 'panic:' line"
    fi
    if [ -z "$why" ]; then
        ok $name
    else
        fail $name "$why"
        tail -n 12 "$out/overflow.lines" | cut -c 1-160 | sed 's/^/    | /'
    fi
}

mappings
stack_overflow
[ "$fails" = 0 ]
