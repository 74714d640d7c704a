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
BOARD_DIR=$B/sdk/board/qemu_virt_riscv64/release
CFLAGS="-nostdlib -ffreestanding -g -O3 -Wall -Werror -I$BOARD_DIR/include -march=rv64imafdc_zicsr_zifencei -mabi=lp64d"

# run NAME: build bench/NAME (*.c, and *.rs through the SDK's rust/rust.mk)
# and boot it, printing its `... instructions` lines.
run() {
    src=$top/bench/$1 out=$B/bench/$1
    rm -rf "$out"
    mkdir -p "$out"
    for c in "$src"/*.c; do
        [ -e "$c" ] || continue
        p=$(basename "$c" .c)
        riscv64-unknown-elf-gcc $CFLAGS -c "$c" -o "$out/$p.o"
        riscv64-unknown-elf-ld -L"$BOARD_DIR/lib" "$out/$p.o" -lmicrokit -Tmicrokit.ld -o "$out/$p.elf"
    done
    for r in "$src"/*.rs; do
        [ -e "$r" ] || continue
        (cd "$src" && make -s --no-print-directory -f "$B/sdk/rust/rust.mk" MICROKIT_SDK="$B/sdk" \
            MICROKIT_BOARD=qemu_virt_riscv64 MICROKIT_CONFIG=release BUILD_DIR="$out" \
            "$out/$(basename "$r" .rs).elf") >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
    done
    (cd "$src" && "$B/sdk/bin/microkit" system.xml --search-path "$out" --search-path "$BOARD_DIR/drivers" \
        --board qemu_virt_riscv64 --config release ${KERNEL:+--override-kernel "$KERNEL"} -o "$out/loader.img" -r "$out/report.txt") >/dev/null
    timeout -k 5 60 qemu-system-riscv64 -machine virt -nographic -bios default -no-reboot \
        -icount shift=0,sleep=off -kernel "$out/loader.img" </dev/null >"$out/console.log" 2>&1 || true
    tr -d '\r' <"$out/console.log" | grep -E ' instructions$' >"$out/results.txt" || {
        echo "bench: no results; console output follows" >&2
        cat "$out/console.log" >&2
        exit 1
    }
    cat "$out/results.txt"
    cat "$out/results.txt" >>"$results"
}
results=$B/bench/results.txt
mkdir -p "$B/bench"
: >"$results"
run ipc
run rust
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
    END { for (n in base) if (!(n in seen)) printf "  %-32s missing: the benchmark no longer prints it\n", n }' \
    "$top/bench/baseline.txt" "$results"
[ -z "${OUT:-}" ] || awk '{ print $1, $2 }' "$results" >"$OUT"
