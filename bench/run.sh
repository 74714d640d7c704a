#!/bin/sh
# Builds the benchmark system against the SDK and runs it in QEMU with
# -icount shift=0,sleep=off: every guest instruction is one count, and runs
# are exactly repeatable. Prints the `<name> <value> instructions` lines.
# KERNEL=<elf> measures another kernel build (e.g. without the fast path).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-$top/build}
BOARD_DIR=$B/sdk/board/qemu_virt_riscv64/release
out=$B/bench/ipc
CFLAGS="-nostdlib -ffreestanding -g -O3 -Wall -Werror -I$BOARD_DIR/include -march=rv64imafdc_zicsr_zifencei -mabi=lp64d"
rm -rf "$out"
mkdir -p "$out"
for c in "$top"/bench/ipc/*.c; do
    p=$(basename "$c" .c)
    riscv64-unknown-elf-gcc $CFLAGS -c "$c" -o "$out/$p.o"
    riscv64-unknown-elf-ld -L"$BOARD_DIR/lib" "$out/$p.o" -lmicrokit -Tmicrokit.ld -o "$out/$p.elf"
done
(cd "$top/bench/ipc" && "$B/sdk/bin/microkit" system.xml --search-path "$out" \
    --board qemu_virt_riscv64 --config release ${KERNEL:+--override-kernel "$KERNEL"} -o "$out/loader.img" -r "$out/report.txt") >/dev/null
timeout -k 5 60 qemu-system-riscv64 -machine virt -nographic -bios default -no-reboot \
    -icount shift=0,sleep=off -kernel "$out/loader.img" </dev/null >"$out/console.log" 2>&1 || true
tr -d '\r' <"$out/console.log" | grep -E ' instructions$' || {
    echo "bench: no results; console output follows" >&2
    cat "$out/console.log" >&2
    exit 1
}
