#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# moat symbolize: symbolize.sh MOAT. A small program with debug information
# (sym.c, linked at a PD's address), a report that names it as PD 'a''s
# program, and a console log with CRLF line ends, as QEMU writes them, in
# which 'a' faults, a PD whose program is not there faults, and so does
# a PD the report does not know. The output must be the log, byte for byte,
# with lines added after each `MON|ERROR: pc=... ra=...` line: the function
# and file:line of pc and of ra (ra - 1: the call), or why not. Also: no
# report, a missing report (the log copied all the same), and addr2line
# missing (told once on stderr).
# Prints `ok symbolize/NAME` or `FAIL symbolize/NAME: why`; exits 1 on any failure.
set -u
moat=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok symbolize/$1"; }
bad() { echo "FAIL symbolize/$1: $2"; fails=$((fails + 1)); }

if ! command -v riscv64-unknown-elf-gcc >/dev/null || ! command -v riscv64-unknown-elf-addr2line >/dev/null; then
    echo "skip symbolize: no riscv64-unknown-elf-gcc or -addr2line"
    exit 0
fi
cat >"$tmp/sym.c" <<'C'
__attribute__((noipa)) int
leaf(int *p)
{
    return *p + 1;
}

int
_start(int *p)
{
    return leaf(p) * 2;
}
C
(cd "$tmp" && riscv64-unknown-elf-gcc -march=rv64imac_zicsr -mabi=lp64 -g -O2 -nostdlib -ffreestanding \
    -Wl,-Ttext=0x200000 -Wl,--no-warn-rwx-segments sym.c -o sym.elf) || { bad build "cc failed"; exit 1; }
leaf=$(riscv64-unknown-elf-nm "$tmp/sym.elf" | awk '$3 == "leaf" { print $1 }' | sed 's/^0*//')
start=$(riscv64-unknown-elf-nm "$tmp/sym.elf" | awk '$3 == "_start" { print $1 }' | sed 's/^0*//')
# ra: an address after the call in _start (the call's own line is 10).
ra=$(riscv64-unknown-elf-objdump -d "$tmp/sym.elf" |
    awk -v s="$start:" '$1 == s { on = 1 } on && /jal/ { getline; sub(":", "", $1); print $1; exit }')
cat >"$tmp/report.txt" <<R
moat system report

protection domain 'a' (index 0)
    program:      sym.elf
    priority:     1
protection domain 'b' (index 1)
    program:      gone.elf
R
cr=$(printf '\r')
{
    printf 'booting\r\nMON|ERROR: faulting PD: a\r\n'
    printf 'MON|ERROR: VMFault: load page fault pc=0x%s addr=0x0 (data fault)\r\n' "$leaf"
    printf 'MON|ERROR: pc=0x%s ra=0x%s (moat symbolize names their lines)\r\n' "$leaf" "$ra"
    printf 'Registers: \r\nMON|ERROR: faulting PD: b\r\nMON|ERROR: pc=0x200000 ra=0x0 (x)\r\n'
    printf 'MON|ERROR: faulting PD: nobody\r\nMON|ERROR: pc=0x200000 ra=0x0 (x)\r\n'
    printf 'a prompt> '
} >"$tmp/log"
(cd "$tmp" && "$moat" symbolize report.txt <log >out 2>err)
st=$?
{
    printf 'booting\r\nMON|ERROR: faulting PD: a\r\n'
    printf 'MON|ERROR: VMFault: load page fault pc=0x%s addr=0x0 (data fault)\r\n' "$leaf"
    printf 'MON|ERROR: pc=0x%s ra=0x%s (moat symbolize names their lines)\r\n' "$leaf" "$ra"
    printf 'MON|ERROR: pc 0x%s in leaf at sym.c:4\r\n' "$leaf"
    printf 'MON|ERROR: ra 0x%s in _start at sym.c:10\r\n' "$ra"
    printf 'Registers: \r\nMON|ERROR: faulting PD: b\r\nMON|ERROR: pc=0x200000 ra=0x0 (x)\r\n'
    printf "MON|ERROR: pc 0x200000: program of 'b' not found (give its directory after the report)\r\n"
    printf 'MON|ERROR: faulting PD: nobody\r\nMON|ERROR: pc=0x200000 ra=0x0 (x)\r\n'
    printf "MON|ERROR: no PD 'nobody' in the report\r\n"
    printf 'a prompt> '
} >"$tmp/want"
if [ $st != 0 ]; then
    bad log "exit status $st: $(cat "$tmp/err")"
elif ! cmp -s "$tmp/out" "$tmp/want"; then
    bad log "output differs: $(diff "$tmp/want" "$tmp/out" | tr "$cr" ' ' | head -5 | tr '\n' '|')"
elif [ -s "$tmp/err" ]; then
    bad log "stderr: $(cat "$tmp/err")"
else
    ok log
fi

# The program in a directory given after the report.
mkdir "$tmp/elsewhere" && mv "$tmp/sym.elf" "$tmp/elsewhere/"
(cd "$tmp" && "$moat" symbolize report.txt elsewhere <log >out 2>err)
if grep -q "in leaf at sym.c:4" "$tmp/out"; then ok dirs; else bad dirs "$(grep 'pc 0x' "$tmp/out" | head -1)"; fi

# addr2line missing: said once on stderr, each address without its line.
(cd "$tmp" && ADDR2LINE=/nonexistent/addr2line "$moat" symbolize report.txt elsewhere <log >out 2>err)
if [ "$(grep -c 'no line (addr2line failed)' "$tmp/out")" = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] &&
    grep -q 'cannot run /nonexistent/addr2line' "$tmp/err"; then
    ok no-addr2line
else
    bad no-addr2line "out: $(grep 'pc 0x' "$tmp/out" | head -1) err: $(cat "$tmp/err")"
fi

"$moat" symbolize </dev/null >/dev/null 2>"$tmp/err"
if [ $? = 2 ] && grep -q '^usage: moat symbolize REPORT' "$tmp/err"; then ok usage; else bad usage "$(cat "$tmp/err")"; fi
# No report: said, and the log still copied unchanged (make simulate's QEMU
# writes into the pipe), with exit status 1.
"$moat" symbolize "$tmp/none.txt" <"$tmp/log" >"$tmp/out" 2>"$tmp/err"
if [ $? = 1 ] && grep -q "cannot open '$tmp/none.txt'" "$tmp/err" && cmp -s "$tmp/log" "$tmp/out"; then
    ok no-report
else
    bad no-report "$(cat "$tmp/err")"
fi
[ "$fails" = 0 ]
