#!/bin/sh
# Builds the benchmark system against the SDK and runs it in QEMU with
# -icount shift=0,sleep=off: every guest instruction is one count, and runs
# are exactly repeatable. Prints the `<name> <value> instructions` lines,
# then each figure's difference from bench/baseline.txt.
# KERNEL=<elf> measures another kernel build (e.g. without the fast path:
# a path naming nofast is compared with the baseline's general column).
# OUT=<file> also writes the `<name> <value>` pairs there.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-$top/build}
CFLAGS="-nostdlib -ffreestanding -g -O3 -Wall -Werror -march=rv64imafdc_zicsr_zifencei -mabi=lp64d"

# run NAME: build bench/NAME (*.c, and *.rs through the SDK's rust/rust.mk)
# and boot it, printing its `... instructions` lines.
run() {
    src=$top/bench/$1 out=$B/bench/$1
    config=release
    [ -f "$src/config" ] && config=$(cat "$src/config")
    board=$B/sdk/board/qemu_virt_riscv64/$config smp=""
    case $config in smp-*)
        smp="-smp 4"
        [ -n "${KERNEL:-}" ] && return 0 ;; # another kernel is a one-core one
    esac
    rm -rf "$out"
    mkdir -p "$out"
    for c in "$src"/*.c; do
        [ -e "$c" ] || continue
        p=$(basename "$c" .c)
        riscv64-unknown-elf-gcc $CFLAGS -I"$board/include" -c "$c" -o "$out/$p.o"
        riscv64-unknown-elf-ld -L"$board/lib" "$out/$p.o" -lmicrokit -Tmicrokit.ld -o "$out/$p.elf"
    done
    for r in "$src"/*.rs; do
        [ -e "$r" ] || continue
        (cd "$src" && make -s --no-print-directory -f "$B/sdk/rust/rust.mk" MICROKIT_SDK="$B/sdk" \
            MICROKIT_BOARD=qemu_virt_riscv64 MICROKIT_CONFIG="$config" BUILD_DIR="$out" \
            "$out/$(basename "$r" .rs).elf") >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
    done
    : >"$out/results.txt"
    # system.xml, or each *.xml of the directory in turn (bench/smp: pairs1..4, cross)
    systems=system.xml
    [ -f "$src/system.xml" ] || systems=$(cd "$src" && ls ./*.xml | sed 's#^\./##')
    for x in $systems; do
        n=${x%.xml}
        (cd "$src" && "$B/sdk/bin/microkit" "$x" --search-path "$out" --search-path "$board/drivers" \
            --board qemu_virt_riscv64 --config "$config" ${KERNEL:+--override-kernel "$KERNEL"} \
            -o "$out/$n.img" -r "$out/$n.report.txt") >/dev/null
        timeout -k 5 60 qemu-system-riscv64 -machine virt -nographic -bios default -no-reboot $smp \
            -icount shift=0,sleep=off -kernel "$out/$n.img" </dev/null >"$out/$n.console.log" 2>&1 || true
        tr -d '\r' <"$out/$n.console.log" | grep -E ' instructions$' >>"$out/results.txt" || {
            echo "bench: no results from $1/$x; console output follows" >&2
            cat "$out/$n.console.log" >&2
            exit 1
        }
    done
    cat "$out/results.txt"
    cat "$out/results.txt" >>"$results"
}
results=$B/bench/results.txt
mkdir -p "$B/bench"
: >"$results"
run ipc
run rust
run irq
run smp
case ${KERNEL:-} in
*nofast*) col=3 what="general path" ;;
*) col=2 what="fast path" ;;
esac
echo "against bench/baseline.txt ($what):"
awk -v col="$col" 'NR == FNR { if ($1 !~ /^#/ && NF >= 3) base[$1] = $col; next }
    {
        if (!($1 in base)) { printf "  %-32s %6d  (not in the baseline)\n", $1, $2; next }
        d = $2 - base[$1]
        printf "  %-32s %6d  %s\n", $1, $2, d == 0 ? "=" : sprintf("%+d (was %d)", d, base[$1])
        seen[$1] = 1
    }
    END { for (n in base) if (!(n in seen) && base[n] != "-") printf "  %-32s missing: the benchmark no longer prints it\n", n }' \
    "$top/bench/baseline.txt" "$results"
[ -z "${OUT:-}" ] || awk '{ print $1, $2 }' "$results" >"$OUT"
