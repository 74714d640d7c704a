#!/bin/sh
# The SMP kernel's scaling figures (docs/bench.md): 1, 2, 3 and 4
# client/server pairs, each on its own core (smp-release, QEMU -smp 4
# -icount), doing microkit_ppcall round trips at the same time. Each hart's
# instructions are counted by bench/plugin/vcpus.c in two runs of
# ROUNDS_A and ROUNDS_B round trips; their difference over
# ROUNDS_B - ROUNDS_A is one round trip on that core, everything else
# cancelled. Prints `smp_pairsN_coreK_ppc_roundtrip_0mr V instructions`;
# flat in N means nothing on the path is shared between cores.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-$top/build}
board=$B/sdk/board/qemu_virt_riscv64/smp-release
out=$B/bench/scale
ROUNDS_A=10000 ROUNDS_B=610000
CFLAGS="-nostdlib -ffreestanding -g -O3 -Wall -Werror -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -I$board/include"
rm -rf "$out"
mkdir -p "$out"
cc -shared -fPIC -O2 -Wall -o "$out/libvcpus.so" "$top/bench/plugin/vcpus.c"
riscv64-unknown-elf-gcc $CFLAGS -c "$top/bench/smp/server.c" -o "$out/server.o"
riscv64-unknown-elf-ld -L"$board/lib" "$out/server.o" -lmicrokit -Tmicrokit.ld -o "$out/server.elf"
for r in $ROUNDS_A $ROUNDS_B; do
    mkdir -p "$out/r$r"
    cp "$out/server.elf" "$out/r$r/"
    riscv64-unknown-elf-gcc $CFLAGS -DROUNDS=$r -c "$top/bench/scale/client.c" -o "$out/r$r/client.o"
    riscv64-unknown-elf-ld -L"$board/lib" "$out/r$r/client.o" -lmicrokit -Tmicrokit.ld -o "$out/r$r/client.elf"
done
for n in 1 2 3 4; do
    x=$out/pairs$n.xml
    { echo '<system>'
      k=0
      while [ $k -lt $n ]; do
          echo "  <protection_domain name=\"c$k\" priority=\"10\" cpu=\"$k\"><program_image path=\"client.elf\"/></protection_domain>"
          echo "  <protection_domain name=\"s$k\" priority=\"20\" cpu=\"$k\"><program_image path=\"server.elf\"/></protection_domain>"
          echo "  <channel><end pd=\"c$k\" id=\"1\" pp=\"true\"/><end pd=\"s$k\" id=\"1\"/></channel>"
          k=$((k + 1))
      done
      echo '</system>'; } >"$x"
    for r in $ROUNDS_A $ROUNDS_B; do
        "$B/sdk/bin/microkit" "$x" --search-path "$out/r$r" --board qemu_virt_riscv64 --config smp-release \
            -o "$out/pairs$n.r$r.img" -r "$out/pairs$n.r$r.txt" >/dev/null
        timeout -k 5 60 qemu-system-riscv64 -machine virt -nographic -bios default -no-reboot -smp 4 \
            -icount shift=0,sleep=off -plugin "$out/libvcpus.so" -d plugin -D "$out/pairs$n.r$r.vcpus" \
            -kernel "$out/pairs$n.r$r.img" </dev/null >"$out/pairs$n.r$r.log" 2>&1 || true
        grep -q '^vcpus:' "$out/pairs$n.r$r.vcpus" || { echo "bench: scale: no counts from pairs$n (rounds $r)" >&2; exit 1; }
    done
    k=0
    while [ $k -lt $n ]; do
        a=$(sed -n "s/.* $k=\([0-9]*\).*/\1/p" "$out/pairs$n.r$ROUNDS_A.vcpus")
        b=$(sed -n "s/.* $k=\([0-9]*\).*/\1/p" "$out/pairs$n.r$ROUNDS_B.vcpus")
        echo "smp_pairs${n}_core${k}_ppc_roundtrip_0mr $(( (b - a) / (ROUNDS_B - ROUNDS_A) )) instructions"
        k=$((k + 1))
    done
done
