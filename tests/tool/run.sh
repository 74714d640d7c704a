#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Golden tests for the moat tool: run.sh MOAT KERNEL_ELF PD_DIR
#   err/*.xml   must fail with exit 1 and print exactly the diagnostics its
#               comment lines give, in order and nothing else: the first line
#               is <!-- expect: LINE:COL: error: MESSAGE -->, and any other
#               line (the second, or after </system> so that no position
#               moves) may be <!-- also: LINE:COL: note|error|warning: MESSAGE -->.
#   ok/*.xml    must build, printing nothing on stderr but the warnings its
#               <!-- warning: LINE:COL: warning: MESSAGE --> lines give (they
#               go after </system>); the report from "== memory regions ==" on,
#               with every "pa=0x..." replaced by "pa=PA", must equal
#               ok/NAME.report (physical addresses move with the kernel's
#               size; the "(+0x...)" offsets after them do not).
#               With ok/NAME.dot beside it, --graph FILE.dot must write
#               exactly that. UPDATE=1 rewrites the golden reports and DOT.
#   --graph     the SVG drawn by Graphviz's dot, and each way it can fail.
#   misspelt    each element and attribute name of ok/*.xml misspelt in turn,
#   refused     and each value of a number, flag or word made "zz": exactly one
#               error each (no follow-on errors).
#   ELF cases   broken copies of PD_DIR/ping.elf and of the kernel, made here.
#   cmdline     command-line errors exit 2; notes for ignored options.
#   image types the uImage (the default) and ELF containers around the binary
#               image, read back field by field; each type booted in QEMU with
#               the real debug kernel of the SDK (build/sdk, next to MOAT),
#               which must print "moat: booting" (skipped without it or QEMU).
#   symbolize   moat symbolize on a made-up console log (tests/tool/symbolize.sh,
#               which runs alone too: tests/tool/symbolize.sh build/moat).
#   lib/refused upstream's ARM- and x86-only libmicrokit calls, each compiled
#               against the SDK's microkit.h: a compile error that says why.
# Prints "ok NAME" or "FAIL NAME: why" per case ("skip NAME: why" for the
# unreadable-file cases where a mode 000 file can be read anyway), then
# "tool: N passed, M failed".
set -u

abs() { (cd "$(dirname "$1")" && echo "$(pwd)/$(basename "$1")"); }
moat=$(abs "$1")
kernel=$(abs "$2")
pds=$(cd "$3" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/suite.sh
. "$here/../suite.sh"

# moat FILE [args...]: run the tool with the standard options; output in $tmp.
# The image is raw (binary), so that file offsets are physical addresses
# from 0x80200000; a later --image-type in args wins.
# A test file's line <!-- config: NAME --> builds it for that configuration.
moat() {
    local cfg
    cfg=$(sed -n 's/^<!-- config: \(.*\) -->$/\1/p' "$1" 2>/dev/null)
    "$moat" "$@" --image-type binary --search-path "$pds" --board qemu_virt_riscv64 --config "${cfg:-debug}" \
        --override-kernel "$kernel" -o "$tmp/loader.img" -r "$tmp/report.txt" \
        >"$tmp/out" 2>"$tmp/err"
}

# expect_err NAME STATUS TEXT...: the last run exited STATUS and its stderr
# was exactly the lines TEXT... (a usage error adds the usage text, which is
# not compared).
expect_err() {
    local name=$1 st=$2 want=$3
    shift 3
    if [ "$st" -ne "$want" ]; then
        bad "$name" "exit status $st, want $want: $(head -1 "$tmp/err")"
        return
    fi
    printf '%s\n' "$@" >"$tmp/want"
    if [ "$want" = 2 ]; then
        sed -i '/^usage: moat\|^            /d' "$tmp/err"
    fi
    if ! cmp -s "$tmp/want" "$tmp/err"; then
        bad "$name" "diagnostics differ (want, got): $(diff "$tmp/want" "$tmp/err" | grep '^[<>]' | head -4 | tr '\n' '|')"
    else
        ok "$name"
    fi
}

# --- err/*.xml -----------------------------------------------------------------
# The whole of stderr must be the expected lines, in order: a diagnostic
# that is wrong, missing or extra (a false follow-on error) fails the case.
cd "$here/err" || exit 1
for f in *.xml; do
    sed -n 's/^<!-- \(expect\|also\): \(.*\) -->$/'"$f"':\2/p' "$f" >"$tmp/want"
    if ! head -1 "$f" | grep -q '^<!-- expect: '; then
        bad "err/$f" "no expect line"
        continue
    fi
    moat "$f"
    st=$?
    if [ $st -ne 1 ]; then
        bad "err/${f%.xml}" "exit status $st, want 1: $(head -1 "$tmp/err")"
    elif ! cmp -s "$tmp/want" "$tmp/err"; then
        bad "err/${f%.xml}" "diagnostics differ (want, got): $(diff "$tmp/want" "$tmp/err" | grep '^[<>]' | head -4 | tr '\n' '|')"
    else
        ok "err/${f%.xml}"
    fi
done

# --- ok/*.xml ------------------------------------------------------------------
normalise() { sed -n '/^== memory regions ==/,$p' "$1" | sed -E 's/pa=0x[0-9a-f]+/pa=PA/g'; }
cd "$here/ok" || exit 1
for f in *.xml; do
    n=${f%.xml}
    g=()
    [ -f "$n.dot" ] && g=(--graph "$tmp/graph.dot")
    moat "$f" "${g[@]}"
    st=$?
    if [ $st -ne 0 ]; then
        bad "ok/$n" "exit status $st: $(head -1 "$tmp/err")"
        continue
    fi
    normalise "$tmp/report.txt" >"$tmp/report.norm"
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$tmp/report.norm" "$n.report"
        [ ${#g[@]} = 0 ] || cp "$tmp/graph.dot" "$n.dot"
    fi
    if ! grep -aq moatimg1 "$tmp/loader.img"; then
        bad "ok/$n" "no image header magic in the image"
    elif sed -n 's/^<!-- warning: \(.*\) -->$/'"$f"':\1/p' "$f" >"$tmp/want" &&
        ! cmp -s "$tmp/want" "$tmp/err"; then
        bad "ok/$n" "stderr differs (want, got): $(diff "$tmp/want" "$tmp/err" | grep '^[<>]' | head -2 | tr '\n' '|')"
    elif ! diff -u "$n.report" "$tmp/report.norm" >"$tmp/diff"; then
        bad "ok/$n" "report differs: $(sed -n 4,12p "$tmp/diff" | tr '\n' ' ')"
    elif [ ${#g[@]} != 0 ] && ! diff -u "$n.dot" "$tmp/graph.dot" >"$tmp/diff"; then
        bad "ok/$n" "--graph DOT differs: $(sed -n 4,12p "$tmp/diff" | tr '\n' ' ')"
    else
        ok "ok/$n"
    fi
done

# Determinism: the same inputs give a byte-identical image and report.
for f in pingpong.xml fixed-ram.xml large-page.xml services.xml; do
    moat $f && cp "$tmp/loader.img" "$tmp/a.img" && cp "$tmp/report.txt" "$tmp/a.txt"
    moat $f
    if cmp -s "$tmp/a.img" "$tmp/loader.img" && cmp -s "$tmp/a.txt" "$tmp/report.txt"; then
        ok "determinism/${f%.xml}"
    else
        bad "determinism/${f%.xml}" "two runs gave different output"
    fi
done

# --- misspellings ----------------------------------------------------------------
# One mistake, one error: the first use of every element name, and of every
# attribute name of each element, in ok/*.xml (outside comments and the XML
# declaration), misspelt by swapping its last two letters (or dropping the
# last, if they are the same), must make the tool fail with one error and no
# other (no "missing required attribute", no "unknown memory region" where a
# misspelt <memory_region> is used, ...) and no warning that the valid
# system does not give. The closing tag is misspelt too.
uses=$(awk '
    FNR == 1 { incomment = 0 }
    /^<\?/ { next }
    {
        line = $0; out = ""   # comments blanked, so that no name in one counts
        while (line != "") {
            if (incomment) {
                e = index(line, "-->")
                if (e == 0) { out = out sprintf("%*s", length(line), ""); line = "" }
                else { out = out sprintf("%*s", e + 2, ""); line = substr(line, e + 3); incomment = 0 }
            } else if ((b = index(line, "<!--")) == 0) {
                out = out line; line = ""
            } else {
                out = out substr(line, 1, b - 1); line = substr(line, b); incomment = 1
            }
        }
        off = 0
        while (match(out, /<[a-z_]+|[ \t][a-z_]+=/)) {
            tok = substr(out, RSTART, RLENGTH)
            if (tok ~ /^</) { elem = substr(tok, 2); name = elem; kind = "element"; key = "<" elem }
            else { name = substr(tok, 2, RLENGTH - 2); kind = "attribute"; key = elem "@" name }
            if (!(key in seen)) { seen[key] = 1; print FILENAME, FNR, off + RSTART + 1, name, kind }
            off += RSTART + RLENGTH - 1; out = substr(out, RSTART + RLENGTH)
        }
    }' *.xml)
while read -r f l c name kind; do
    n=${#name}
    if [ "${name:n-2:1}" = "${name:n-1:1}" ]; then bad_name=${name:0:n-1}
    else bad_name=${name:0:n-2}${name:n-1:1}${name:n-2:1}; fi
    awk -v L="$l" -v C="$c" -v N="$name" -v M="$bad_name" -v K="$kind" '
        {
            from = 1
            if (FNR == L) {
                $0 = substr($0, 1, C - 1) M substr($0, C + length(N)); from = C + length(M)
                gt = index(substr($0, from), ">")   # an empty element, <x/>, has no closing tag
                closed = K != "element" || (gt > 1 && substr($0, from + gt - 2, 1) == "/")
            }
            if (FNR >= L && !closed && (i = index(substr($0, from), "</" N ">")) > 0) {
                i += from - 1; $0 = substr($0, 1, i + 1) M substr($0, i + 2 + length(N)); closed = 1
            }
            print
        }' "$f" >"$tmp/misspelt.xml"
    moat "$tmp/misspelt.xml" --search-path "$here/ok"
    st=$?
    if [ $st -eq 1 ] && [ "$(grep -c ': error: ' "$tmp/err")" = 1 ] &&
        [ "$(grep -c ': warning: ' "$tmp/err")" -le "$(grep -c '^<!-- warning: ' "$f")" ]; then
        ok "misspelt/${f%.xml}:$l:$c:$name"
    else
        bad "misspelt/${f%.xml}:$l:$c:$name" "'$bad_name': status $st, $(grep -c ': error: ' "$tmp/err") errors: $(grep ': error: ' "$tmp/err" | head -3 | sed 's|.*/||' | tr '\n' '|')"
    fi
done <<<"$uses"

# A value refused is one error too (and no new warning): the first use of
# each attribute that takes a number, a flag or a word, per element, with the
# value "zz".
values=" priority budget period stack_size cpu id irq size page_size phys_addr vaddr slot num start_index index_shift duration perms trigger share pp notify passive dma_trusted fpu cached "
while read -r f l c name kind; do
    [ "$kind" = attribute ] && [[ $values == *" $name "* ]] || continue
    awk -v L="$l" -v C="$c" -v N="$name" '
        FNR == L {
            v = C + length(N) + 2                  # after name="
            q = substr($0, v - 1, 1)
            e = index(substr($0, v), q)
            $0 = substr($0, 1, v - 1) "zz" substr($0, v + e - 1)
        }
        { print }' "$f" >"$tmp/refused.xml"
    moat "$tmp/refused.xml" --search-path "$here/ok"
    st=$?
    if [ $st -eq 1 ] && [ "$(grep -c ': error: ' "$tmp/err")" = 1 ] &&
        [ "$(grep -c ': warning: ' "$tmp/err")" -le "$(grep -c '^<!-- warning: ' "$f")" ]; then
        ok "refused/${f%.xml}:$l:$c:$name"
    else
        bad "refused/${f%.xml}:$l:$c:$name" "status $st, $(grep -c ': error: ' "$tmp/err") errors: $(grep ': error: ' "$tmp/err" | head -3 | sed 's|.*/||' | tr '\n' '|')"
    fi
done <<<"$uses"

# --- broken ELF files ------------------------------------------------------------
# poke FILE OFFSET VALUE BYTES: write VALUE little-endian in BYTES bytes.
poke() {
    local i v=$3 s=""
    for ((i = 0; i < $4; i++)); do
        s+=$(printf '\\%03o' $((v & 255)))
        v=$((v >> 8))
    done
    printf "$s" | dd of="$1" bs=1 seek=$(($2)) conv=notrunc 2>/dev/null
}
u32() { od -A n -t u4 -j "$2" -N 4 "$1" | tr -d ' '; }
u64() { od -A n -t u8 -j "$2" -N 8 "$1" | tr -d ' '; }
# load FILE N: file offset of the N-th PT_LOAD program header.
load() {
    local off n=0 i phnum
    off=$(u64 "$1" 32)
    phnum=$(od -A n -t u2 -j 56 -N 2 "$1" | tr -d ' ')
    for ((i = 0; i < phnum; i++)); do
        if [ "$(u32 "$1" $((off + i * 56)))" = 1 ]; then
            [ $n = "$2" ] && { echo $((off + i * 56)); return; }
            n=$((n + 1))
        fi
    done
}
# rename FILE OLD NEW: overwrite a symbol name in the string table.
rename() {
    local at
    at=$(grep -obUa -- "$2" "$1" | head -1 | cut -d: -f1)
    printf '%s' "$3" | dd of="$1" bs=1 seek="$at" conv=notrunc 2>/dev/null
}

# elf_case NAME MESSAGE [SOURCE [MESSAGE...]]: the commands on stdin break $e
# (a copy of SOURCE, default ping.elf); a one-PD system using it must fail
# with MESSAGE (and the further MESSAGEs), nothing else.
elf_case() {
    local n=$1 e="$tmp/$1.elf" more=()
    for m in "${@:4}"; do
        more+=("$n.xml:2:48: error: '$n.elf': $m")
    done
    cp "$pds/${3:-ping.elf}" "$e"
    source /dev/stdin
    printf '<system>\n    <protection_domain name="a"><program_image path="%s"/></protection_domain>\n</system>\n' \
        "$n.elf" >"$tmp/$n.xml"
    (cd "$tmp" && "$moat" "$n.xml" --search-path "$tmp" --board qemu_virt_riscv64 \
        --config debug --override-kernel "$kernel" -o loader.img -r report.txt >out 2>err)
    expect_err "elf/$n" $? 1 "$n.xml:2:48: error: '$n.elf': $2" "${more[@]}"
}

elf_case truncated 'truncated ELF header' <<<'head -c 40 "$pds/ping.elf" >"$e"'
elf_case ident 'truncated ELF header' <<<'head -c 8 "$pds/ping.elf" >"$e"'
elf_case empty 'not an ELF file (bad magic)' <<<': >"$e"'
elf_case bad-magic 'not an ELF file (bad magic)' <<<'poke "$e" 1 0x46 1'
elf_case class32 'not a 64-bit ELF file' <<<'poke "$e" 4 1 1'
elf_case big-endian 'not a little-endian ELF file' <<<'poke "$e" 5 2 1'
elf_case machine 'not a RISC-V ELF file (e_machine 62)' <<<'poke "$e" 18 62 2'
elf_case dyn 'not an executable ELF file (e_type 3)' <<<'poke "$e" 16 3 2'
elf_case phnum 'too many program headers (100, at most 64)' <<<'poke "$e" 56 100 2'
elf_case phentsize 'bad program header size 32' <<<'poke "$e" 54 32 2'
elf_case phoff 'program header table out of file bounds' <<<'poke "$e" 32 0xfffffff0 8'
elf_case seg-bounds 'segment 1: file range out of file bounds' <<<'head -c $((0x2010)) "$pds/ping.elf" >"$e"'
elf_case filesz 'segment 0: p_filesz 0x2 exceeds p_memsz 0x1' <<<'poke "$e" $(($(load "$e" 0) + 40)) 1 8'
elf_case overlap 'segments 0 and 1 overlap' <<<'poke "$e" $(($(load "$e" 1) + 16)) 0x200000 8'
elf_case low 'segment 0 [0x0, 0x2) is outside the user range [0x1000, 0x3fffffa000)' \
    <<<'poke "$e" $(($(load "$e" 0) + 16)) 0 8'
elf_case stack 'segment 1 [0x3fffffc000, 0x3fffffc070) is outside the user range [0x1000, 0x3fffffa000)' \
    <<<'poke "$e" $(($(load "$e" 1) + 16)) 0x3fffffc000 8'
elf_case shared-page 'segments 0 and 1 share the page at 0x200000 with different permissions (r-x, rw-)' \
    <<<'poke "$e" $(($(load "$e" 1) + 16)) 0x200800 8'
elf_case no-loads 'no loadable segments' \
    <<<'poke "$e" $(load "$e" 1) 0 4; poke "$e" $(load "$e" 0) 0 4'
elf_case entry 'entry point 0x201000 is not in an executable segment' <<<'poke "$e" 24 0x201000 8'
elf_case shoff 'section header table out of file bounds' <<<'poke "$e" 40 0xfffffff0 8'
elf_case no-name "not a Microkit program (no symbol 'microkit_name')" \
    <<<'rename "$e" microkit_name microkit_nbme'
elf_case stripped "not a Microkit program (no symbol 'microkit_name')" <<<'poke "$e" 60 0 2'
elf_case sym-size "symbol 'microkit_pps' has size 4, expected 8" badsize.elf <<<':'
elf_case sym-dup "symbol 'microkit_irqs' is defined more than once" dup.elf \
    <<<'rename "$e" microkit_irqz microkit_irqs'
# Moving the data segment leaves every symbol in it outside: one error each.
elf_case sym-outside "symbol 'microkit_name' at 0x201000 is not in a loadable segment" ping.elf \
    "symbol 'microkit_passive' at 0x201060 is not in a loadable segment" \
    "symbol 'microkit_notifications' at 0x201040 is not in a loadable segment" \
    "symbol 'microkit_pps' at 0x201048 is not in a loadable segment" \
    "symbol 'microkit_irqs' at 0x201050 is not in a loadable segment" \
    "symbol 'microkit_ioports' at 0x201058 is not in a loadable segment" \
    <<<'poke "$e" $(($(load "$e" 1) + 16)) 0x300000 8'

elf_case too-big 'segments need 114692 KiB, more than the image can hold' \
    <<<'poke "$e" $(($(load "$e" 1) + 40)) 0x7000000 8'
# sect FILE TYPE: file offset of the first section header of that type.
sect() {
    local off i shnum
    off=$(u64 "$1" 40)
    shnum=$(od -A n -t u2 -j 60 -N 2 "$1" | tr -d ' ')
    for ((i = 0; i < shnum; i++)); do
        if [ "$(u32 "$1" $((off + i * 64 + 4)))" = "$2" ]; then
            echo $((off + i * 64))
            return
        fi
    done
}
elf_case symtab 'symbol table out of file bounds' <<<'poke "$e" $(($(sect "$e" 2) + 24)) 0xffffff00 8'
elf_case strtab 'string table out of file bounds' \
    <<<'s=$(u32 "$e" $(($(sect "$e" 2) + 40))); poke "$e" $(($(u64 "$e" 40) + s * 64 + 24)) 0xffffff00 8'
# Two segments may share a page when their permissions agree.
elf_case_ok() {
    local n=$1 e="$tmp/$1.elf"
    cp "$pds/ping.elf" "$e"
    source /dev/stdin
    printf '<system>\n    <protection_domain name="a"><program_image path="%s"/></protection_domain>\n</system>\n' \
        "$n.elf" >"$tmp/$n.xml"
    if (cd "$tmp" && "$moat" "$n.xml" --search-path "$tmp" --board qemu_virt_riscv64 \
        --config debug --override-kernel "$kernel" -o loader.img -r report.txt >out 2>err) &&
        grep -q "$2" "$tmp/report.txt"; then
        ok "elf/$n"
    else
        bad "elf/$n" "$(head -1 "$tmp/err")"
    fi
}
# Here the text moves to 0x201800, on the data's page, and both become rwx.
elf_case_ok shared-page-same-perms '^        \[0x201000, 0x202000) pa=.* rwx segment 1$' \
    <<<'l0=$(load "$e" 0); l1=$(load "$e" 1); poke "$e" $((l0 + 16)) 0x201800 8; poke "$e" 24 0x201800 8; poke "$e" $((l0 + 4)) 7 4; poke "$e" $((l1 + 4)) 7 4'
mkdir "$tmp/adir"
printf '<system>\n    <protection_domain name="a"><program_image path="adir"/></protection_domain>\n</system>\n' >"$tmp/adir.xml"
(cd "$tmp" && "$moat" adir.xml --search-path "$tmp" --board qemu_virt_riscv64 \
    --config debug --override-kernel "$kernel" -o loader.img -r report.txt >out 2>err)
expect_err elf/directory $? 1 "adir.xml:2:48: error: cannot read '$tmp/adir': Is a directory"

# loads FILE N: give FILE N PT_LOADs. The program header table moves to the
# end of the file and gains N - 2 copies of segment 0 (r-x), copy i at
# 0x300000 + i * 0x1000 (i = 2 .. N-1); ping.elf has two PT_LOADs of its own.
loads() {
    local f=$1 n=$2 off phnum tab l0 i
    off=$(u64 "$f" 32)
    phnum=$(od -A n -t u2 -j 56 -N 2 "$f" | tr -d ' ')
    l0=$(load "$f" 0)
    tab=$((($(stat -c %s "$f") + 7) & ~7))
    truncate -s $tab "$f"
    dd if="$f" bs=1 skip="$off" count=$((phnum * 56)) 2>/dev/null >>"$f"
    for ((i = 2; i < n; i++)); do
        dd if="$f" bs=1 skip="$l0" count=56 2>/dev/null >>"$f"
        poke "$f" $((tab + (phnum + i - 2) * 56 + 16)) $((0x300000 + i * 0x1000)) 8
        poke "$f" $((tab + (phnum + i - 2) * 56 + 24)) $((0x300000 + i * 0x1000)) 8
    done
    poke "$f" 32 $tab 8
    poke "$f" 56 $((phnum + n - 2)) 2
}
elf_case too-many-loads 'too many loadable segments (at most 16)' <<<'loads "$e" 17'
elf_case_ok loads-16 '^        \[0x30f000, 0x310000) pa=.* r-x segment 15$' <<<'loads "$e" 16'

# run_one XML [DIR]: build the system XML (in $tmp) with DIR (default $tmp)
# as the search path; output in $tmp/out and $tmp/err.
run_one() {
    (cd "$tmp" && "${pre[@]}" "$moat" "$1" --search-path "${2:-$tmp}" --board qemu_virt_riscv64 \
        --config debug --override-kernel "$kernel" -o loader.img -r report.txt >out 2>err)
}
pre=()
# A segment in the IPC window area of a PD that provides a service.
cp "$pds/ping.elf" "$tmp/window.elf"
poke "$tmp/window.elf" $(($(load "$tmp/window.elf" 1) + 16)) 0x7f0bc000 8
printf '<system>\n    <protection_domain name="a"><program_image path="window.elf"/></protection_domain>\n    <service name="s" pd="a"/>\n</system>\n' >"$tmp/window.xml"
run_one window.xml
expect_err elf/ipc-window $? 1 "window.xml:2:48: error: 'window.elf': segment 1 [0x7f0bc000..0x7f0bd000) overlaps with the IPC window area of service 's' [0x7f000000..0x7f0bd000)"
# A path through a file fails with ENOTDIR, for root too.
printf '<system>\n    <protection_domain name="a"><program_image path="ping.elf/x"/></protection_domain>\n</system>\n' >"$tmp/notdir.xml"
run_one notdir.xml "$pds"
expect_err elf/not-a-directory $? 1 "notdir.xml:2:48: error: cannot read '$pds/ping.elf/x': Not a directory"
printf '<system>\n    <memory_region name="m" prefill_path="adir"/>\n    <protection_domain name="a"><program_image path="%s"/></protection_domain>\n</system>\n' \
    "$pds/ping.elf" >"$tmp/prefill-dir.xml"
run_one prefill-dir.xml
expect_err prefill/directory $? 1 "prefill-dir.xml:2:29: error: cannot read '$tmp/adir': Is a directory"
# Inputs that are not regular files, or too large to be anything, are refused
# before a byte is read: /dev/zero and /dev/urandom never end, a FIFO with no
# writer would block the tool for ever, and a sparse 200 MiB file would be read
# whole. `timeout 10` turns a hang into a failure.
mkfifo "$tmp/fifo"
truncate -s 200M "$tmp/sparse"
pre=(timeout 10)
unbounded() { # NAME PATH ATTR-LINE COL WHY
    local f=${1//\//-}.xml
    printf '<system>\n    %s\n</system>\n' "$3" >"$tmp/$f"
    run_one "$f"
    expect_err "$1" $? 1 "$f:2:$4: error: cannot read '$2': $5"
}
unbounded elf/dev-zero /dev/zero '<protection_domain name="a"><program_image path="/dev/zero"/></protection_domain>' 48 \
    "not a regular file"
unbounded elf/fifo "$tmp/fifo" '<protection_domain name="a"><program_image path="fifo"/></protection_domain>' 48 \
    "not a regular file"
unbounded elf/sparse-200m "$tmp/sparse" '<protection_domain name="a"><program_image path="sparse"/></protection_domain>' 48 \
    "209715200 bytes, larger than the 96 MiB an input may be"
unbounded prefill/dev-urandom /dev/urandom '<memory_region name="m" prefill_path="/dev/urandom"/><protection_domain name="a"><program_image path="ping.elf"/></protection_domain>' 29 \
    "not a regular file"
unbounded prefill/fifo "$tmp/fifo" '<memory_region name="m" prefill_path="fifo"/><protection_domain name="a"><program_image path="ping.elf"/></protection_domain>' 29 \
    "not a regular file"
(cd "$tmp" && timeout 10 "$moat" "$here/ok/pingpong.xml" --search-path "$pds" --board qemu_virt_riscv64 \
    --config debug --override-kernel /dev/zero -o loader.img -r report.txt >out 2>err)
expect_err cmdline/kernel-dev-zero $? 1 "moat: error: cannot open kernel '/dev/zero': not a regular file"
(cd "$tmp" && timeout 10 "$moat" fifo --search-path "$pds" --board qemu_virt_riscv64 \
    --config debug --override-kernel "$kernel" -o loader.img -r report.txt >out 2>err)
expect_err cmdline/system-fifo $? 1 "moat: error: cannot open 'fifo': not a regular file"
pre=()

# Files without read permission. Root reads them anyway unless it runs
# without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so as root these cases
# run the tool under setpriv with both dropped from the bounding set. Where a
# mode 000 file stays readable even so, they are skipped (printed as "skip",
# not counted).
cp "$pds/ping.elf" "$tmp/noread"
chmod 000 "$tmp/noread"
noread=()
if [ "$(id -u)" = 0 ]; then
    noread=(setpriv --bounding-set=-dac_override,-dac_read_search)
fi
if "${noread[@]}" cat "$tmp/noread" >/dev/null 2>&1; then
    noread=(none)
fi
# noread_case NAME WANT: run $tmp/NAME.xml without read permission on $tmp/noread.
noread_case() {
    if [ "${noread[0]:-}" = none ]; then
        echo "skip read/$1: a file with mode 000 is readable here"
        return
    fi
    pre=("${noread[@]}")
    run_one "$1.xml"
    local st=$?
    pre=()
    expect_err "read/$1" $st 1 "$2"
}
printf '<system>\n    <protection_domain name="a"><program_image path="noread"/></protection_domain>\n</system>\n' >"$tmp/noread-elf.xml"
noread_case noread-elf "noread-elf.xml:2:48: error: cannot read '$tmp/noread': Permission denied"
printf '<system>\n    <memory_region name="m" prefill_path="noread"/>\n    <protection_domain name="a"><program_image path="%s"/></protection_domain>\n</system>\n' \
    "$pds/ping.elf" >"$tmp/noread-prefill.xml"
noread_case noread-prefill "noread-prefill.xml:2:29: error: cannot read '$tmp/noread': Permission denied"
# Absolute paths do not go through the search path.
printf '<system>\n    <protection_domain name="a"><program_image path="%s"/></protection_domain>\n</system>\n' \
    "$tmp/noread" >"$tmp/noread-abs.xml"
noread_case noread-abs "noread-abs.xml:2:48: error: cannot read '$tmp/noread': Permission denied"

# path_for_symbols: the program's symbols come from another file.
printf '<system>\n    <protection_domain name="a"><program_image path="stripped.elf" path_for_symbols="ping.elf"/></protection_domain>\n</system>\n' >"$tmp/symbols.xml"
cp "$pds/ping.elf" "$tmp/stripped.elf"
poke "$tmp/stripped.elf" 60 0 2
(cd "$tmp" && "$moat" symbols.xml --search-path "$pds" --search-path "$tmp" \
    --board qemu_virt_riscv64 --config debug --override-kernel "$kernel" >out 2>err)
[ $? = 0 ] && ok path-for-symbols || bad path-for-symbols "$(head -1 "$tmp/err")"

# --- image contents ----------------------------------------------------------------
# What the report says, read back from the image: setvars patched into vars.elf
# (var0..var5 at 0x201000 + 8*i, bss0 at 0x201100, microkit_irqs at 0x201118;
# see pd/vars.S), prefill bytes, the header's irq and channel tables and its
# domain schedule, child PDs' parent bytes and reset lists, each PD's domain,
# and leaf PTEs found by walking the PD's page tables from its root.
cd "$here/ok" || exit 1
# at PA [N]: N bytes (default 8, as one unsigned number) at physical address PA;
# with N given, the bytes in decimal separated by spaces.
at() {
    if [ $# = 1 ]; then
        u64 "$tmp/loader.img" $(($1 - 0x80200000))
    else
        od -A n -t u1 -j $(($1 - 0x80200000)) -N "$2" "$tmp/loader.img" | xargs
    fi
}
# addr PD PATTERN: the physical address on the first line of PD's section that
# matches PATTERN; addr '' PATTERN looks in the whole report.
addr() {
    if [ -n "$1" ]; then sed -n "/^protection domain '$1'/,/^\$/p" "$tmp/report.txt"; else cat "$tmp/report.txt"; fi |
        grep -m1 -- "$2" | sed -E 's/.*(pa|phys|header): *=?(0x[0-9a-f]+).*/\2/; s/.*(pa|phys)=(0x[0-9a-f]+).*/\2/'
}
# var PD VA: the word at VA in PD's data page (segment 1, at 0x201000).
var() { at $(($(addr "$1" 'segment 1$') + $2 - 0x201000)); }
# walk PD VA: "LEVEL PA BITS" of the leaf PTE that maps VA (BITS: its low 8 bits).
walk() {
    local t lv pte
    t=$(addr "$1" 'root pa=')
    for lv in 2 1 0; do
        pte=$(at $((t + ((($2 >> (12 + 9 * lv)) & 511) * 8))))
        if (((pte & 0xe) != 0 || lv == 0)); then
            printf '%d 0x%x 0x%x\n' $lv $(((pte >> 10) << 12)) $((pte & 0xff))
            return
        fi
        t=$(((pte >> 10) << 12))
    done
}
# check NAME GOT WANT: the strings must be equal.
check() { if [ "$2" = "$3" ]; then ok "image/$1"; else bad "image/$1" "got '$2', want '$3'"; fi; }
# check_num NAME GOT WANT: WANT is a shell arithmetic expression.
check_num() { check "$1" "$2" "$(($3))"; }
moat tock-drivers.xml
# pd/tock.S: __moat_tock_drivers at 0x201000 (n, then {num, ch} pairs),
# __moat_tockdrv at 0x201088 (num, then one client byte per channel id).
check_num tock-client-count "$(var app 0x201000)" 2
check_num tock-client-leds "$(var app 0x201008)" '60 << 32 | 0x2'
check_num tock-client-rng "$(var app 0x201010)" '59 << 32 | 0x40001'
check_num tock-client2-leds "$(var app2 0x201008)" '61 << 32 | 0x2'
check_num tock-driver-num "$(($(var leds 0x201088) & 0xffffffff))" 0x2
check tock-driver-clients "$(at $(($(addr leds 'segment 1$') + 0x88 + 4 + 60)) 2)" "2 1"
check tock-rng-clients "$(at $(($(addr rng 'segment 1$') + 0x88 + 4 + 60)) 2)" "0 1"
moat shared.xml
check_num shared-setvar-vaddr "$(var writer 0x201000)" 0x10000000
check_num shared-setvar-size "$(var writer 0x201008)" 0x3000
check shared-rw-pte "$(walk writer 0x10002000)" "0 $(printf '0x%x' $(($(addr '' "'shared'") + 0x2000))) 0xd7"
check shared-r-pte "$(walk reader 0x20001000)" "0 $(printf '0x%x' $(($(addr '' "'shared'") + 0x1000))) 0xd3"
moat large-page.xml
check large-rwx-pte "$(walk a 0x40200000)" "1 $(printf '0x%x' $(($(addr '' "'big'") + 0x200000))) 0xdf"
check large-rx-pte "$(walk a 0x40600000)" "1 $(addr '' "'explicit'") 0xdb"
check large-small-pages-pte "$(walk a 0x50002000)" "0 $(printf '0x%x' $(($(addr '' "'small_pages'") + 0x1000))) 0xd3"
check_num large-setvar-bss "$(var a 0x201100)" 0x40000000
moat device.xml
check device-pte "$(walk serial 0x20000000)" "0 0x10000000 0xd7"
check_num device-region-paddr "$(var serial 0x201010)" 0x10000000
# image_hdr.flags at 2032: IMAGE_F_CONSOLE_INPUT unless a PD maps the UART
# (here) or owns its interrupt 10 (irq.xml, below).
h=$(($(addr '' 'image header:') - 0x80200000))
check_num console-input-uart-mapped-flag "$(u64 "$tmp/loader.img" $((h + 2032)))" 0
check console-input-uart-mapped-report "$(grep '^console input:' "$tmp/report.txt")" \
    "console input:  PD 'serial', which maps the UART at 0x10000000 (SYS_CONSOLE_READ is E_PERM)"
moat fixed-ram.xml
check fixed-ram-pte "$(walk a 0x30001000)" "0 0x80301000 0xd7"
check_num fixed-ram-region-paddr "$(var a 0x201010)" 0x80300000
check_num fixed-ram-allocated-paddr "$(var a 0x201018)" "$(addr '' "'after'")"
h=$(($(addr '' 'image header:') - 0x80200000))
check_num console-input-kernel-flag "$(u64 "$tmp/loader.img" $((h + 2032)))" 1
check console-input-kernel-report "$(grep '^console input:' "$tmp/report.txt")" \
    "console input:  the kernel's (SYS_CONSOLE_READ)"
check_num fixed-ram-image-covers "$(($(u64 "$tmp/loader.img" $((h + 16))) >= 0x102000))" 1
# A 4 KiB region at 0x84000000, 60 MiB above the rest: the image covers it,
# the file does not store the zeros up to it (the kernel zeroes them).
sed 's/0x8030_0000/0x8400_0000/' fixed-ram.xml >"$tmp/far.xml"
cp "$tmp/far.xml" ./far-tmp.xml && moat far-tmp.xml; rm -f ./far-tmp.xml
h=$(($(addr '' 'image header:') - 0x80200000))
check_num far-ram-image-size "$(u64 "$tmp/loader.img" $((h + 16)))" $((0x84002000 - 0x80200000))
check_num far-ram-file-small "$(($(stat -c %s "$tmp/loader.img") < 0x100000))" 1
check_num far-ram-file-size-field "$(u64 "$tmp/loader.img" $((h + 2024)))" "$(stat -c %s "$tmp/loader.img")"
moat prefill.xml
blob=$(addr '' "'blob'")
len=$(stat -c %s prefill.bin)
check_num prefill-region-paddr "$(var a 0x201018)" "$blob"
check_num prefill-setvar-size "$(var a 0x201008)" 0x1000
check_num prefill-setvar-prefill-size "$(var a 0x201010)" "$len"
check_num prefill-setvar-prefill-size-roomy "$(var a 0x201020)" "$len"
tail -c +$((blob - 0x80200000 + 1)) "$tmp/loader.img" | head -c 4096 >"$tmp/blob"
check prefill-bytes "$(head -c "$len" "$tmp/blob" | cmp - prefill.bin && echo same)" same
check_num prefill-zero-rest "$(tail -c +$((len + 1)) "$tmp/blob" | tr -d '\0' | wc -c)" 0
# struct image_hdr: irq[] at 32, 4 bytes each; flags at 2032, ncpus at 2040; pd[] at 2048, 528 bytes each (image.h asserts it)
# (include/moat/image.h). ipd N: the address of pd[N] in the image whose
# header is at $hdr. In struct image_pd: parent and child_id at 106, nreset
# (4 bytes) at 108, reset_pa at 112, service (64 bytes) at 120, clients at
# 184, ch[] at 192, 4 bytes each.
ipd() { echo $((hdr + 2048 + $1 * 528)); }
moat irq.xml
hdr=$(addr '' 'image header:')
check irq-hdr-10 "$(at $((hdr + 32 + 4 * 10)) 4)" "1 0 5 1"
check irq-hdr-1 "$(at $((hdr + 32 + 4 * 1)) 4)" "1 0 0 0"
check irq-hdr-95 "$(at $((hdr + 32 + 4 * 95)) 4)" "1 1 61 0"
check irq-hdr-unused "$(at $((hdr + 32 + 4 * 2)) 4)" "0 0 0 0"
check image-layout-stamp "$(at $((hdr + 24)) 8)" "0 8 0 0 16 2 0 0" # hdr_size 2048, pd_size 528
check_num console-input-irq-owned-flag "$(at $((hdr + 2032)))" 0
check console-input-irq-owned-report "$(grep '^console input:' "$tmp/report.txt")" \
    "console input:  PD 'driver', which owns interrupt 10 (SYS_CONSOLE_READ is E_PERM)"
check irq-chan-driver-5 "$(at $(($(ipd 0) + 192 + 4 * 5)) 4)" "17 0 10 0"
check irq-chan-timer-61 "$(at $(($(ipd 1) + 192 + 4 * 61)) 4)" "17 0 95 0"
check_num irq-microkit-irqs "$(var driver 0x201118)" "(1 << 5) | 1"
check_num irq-setvar-id "$(var driver 0x201020)" 5
# Child PDs (pd/child.S: magic = 0x1122334455667788 at 0x201000, then
# grandchild_id; microkit_name at 0x201010); struct image_reset is
# {dst_pa, src_pa, size}, 24 bytes.
moat child-data.xml
hdr=$(addr '' 'image header:')
kid=$(ipd 1)
rl=$(at $((kid + 112)))
src=$(at $((rl + 8)))
check root-parent "$(at $(($(ipd 0) + 106)) 2)" "255 0"
check child-parent "$(at $((kid + 106)) 2)" "0 4"
check_num child-nreset "$(u32 "$tmp/loader.img" $((kid + 108 - 0x80200000)))" 3
check_num child-reset-pa "$rl" "$(addr kid 'reset list:')"
check child-reset-data "$(at $rl) $(at $((rl + 16)))" "$(($(addr kid 'segment 1$'))) $((0x2000))"
check_num child-pristine-magic "$(at "$src")" 0x1122334455667788
check child-pristine-name "$(at $((src + 0x10)) 4)" "107 105 100 0"
page() { tail -c +$(($1 - 0x80200000 + 1)) "$tmp/loader.img" | head -c $((0x2000)); }
check child-pristine-copy "$(cmp <(page "$src") <(page "$(at "$rl")") && echo same)" same
check child-reset-stack "$(at $((rl + 24))) $(at $((rl + 32))) $(at $((rl + 40)))" \
    "$(($(addr kid 'stack$'))) 0 $((0x2000))"
check child-reset-ipcbuf "$(at $((rl + 48))) $(at $((rl + 56))) $(at $((rl + 64)))" \
    "$(($(addr kid 'ipc buffer:'))) 0 $((0x1000))"
moat children.xml
hdr=$(addr '' 'image header:')
check children-helper-parent "$(at $(($(ipd 2) + 106)) 2)" "1 7"
check children-other-child-parent "$(at $(($(ipd 5) + 106)) 2)" "4 0"
check_num children-setvar-id "$(var worker 0x201008)" 7
rl=$(at $(($(ipd 1) + 112)))
check_num children-pristine-setvar-id "$(at $(($(at $((rl + 8))) + 8)))" 7
# Services: each client's window page is mapped in the provider (pd[2]) with
# R W U A D and V clear (0xd6), is zeroed and is in none of its reset entries.
moat services.xml
hdr=$(addr '' 'image header:')
# name IDX: image_pd.service of pd[IDX], NUL bytes shown as '.'.
name() { tail -c +$(($(ipd $1) + 120 - 0x80200000 + 1)) "$tmp/loader.img" | head -c 64 | tr '\0' .; }
check services-name "$(name 2)" "org.tockos.examples.rot13$(printf '%39s' | tr ' ' .)"
check services-name-64 "$(name 3)" 'org.example.!edge~of-the-printable-range.exactly-64-bytes-long-o'
check services-name-none "$(name 0)" "$(printf '%64s' | tr ' ' .)"
check_num services-clients "$(at $(($(ipd 2) + 184)))" '1 << 0 | 1 << 1 | 1 << 3'
check_num services-no-clients "$(at $(($(ipd 3) + 184)))" 0
check_num services-copy-clients "$(at $(($(ipd 2) + 520)))" '1 << 1' # boss: share="copy"
rl=$(at $(($(ipd 2) + 112)))
for c in 0 1 3; do
    w=$(addr '' "client .* (index $c,")
    for k in 0 1 2; do # every page of the window, on the pair's page, V clear
        check "services-window-$c-$k" "$(walk rot13_service $((0x7f000000 + (c * 3 + k) * 0x1000)))" "0 $w 0xd6"
    done
    check_num "services-window-$c-zero" "$(page "$w" | head -c 4096 | tr -d '\0' | wc -c)" 0
    n=0
    for ((i = 0; i < $(u32 "$tmp/loader.img" $(($(ipd 2) + 108 - 0x80200000))); i++)); do
        d=$(at $((rl + 24 * i)))
        ((w >= d && w < d + $(at $((rl + 24 * i + 16))))) && n=$((n + 1))
    done
    check_num "services-window-$c-not-reset" $n 0
done
check services-not-a-client "$(walk rot13_service 0x7f006000)" "0 0x0 0x0"
# The domain schedule: struct image_hdr has ndomsched and domstart (4 bytes
# each) at 416 and 420, domsched[] at 424, 16 bytes each ({ticks, domain});
# struct image_pd has domain at 448. ok/domains.xml: a cycle of 4 entries
# from entry 1 (the end marker is not written), PDs motor, log, kid, shell
# in domains 2, 1, 2, 0.
moat domains.xml
hdr=$(addr '' 'image header:')
check domains-count-start "$(at $((hdr + 416)) 8)" "4 0 0 0 1 0 0 0"
check domains-ticks "$(for i in 0 1 2 3 4; do at $((hdr + 424 + 16 * i)); done | xargs)" \
    "5000 1005 160 20000 0"
check domains-ids "$(for i in 0 1 2 3; do at $((hdr + 432 + 16 * i)) 1; done | xargs)" "2 1 2 0"
check domains-pd "$(for i in 0 1 2 3; do at $(($(ipd $i) + 448)) 1; done | xargs)" "2 1 2 0"
moat pingpong.xml
hdr=$(addr '' 'image header:')
check domains-none "$(at $((hdr + 416)) 8) $(at $(($(ipd 0) + 448)) 1)" "0 0 0 0 0 0 0 0 0"

# --- kernel ----------------------------------------------------------------------
cd "$here/ok" || exit 1
cp "$kernel" "$tmp/k.elf"
poke "$tmp/k.elf" 18 62 2
"$moat" pingpong.xml --search-path "$pds" --board qemu_virt_riscv64 --config debug \
    --override-kernel "$tmp/k.elf" -o "$tmp/x.img" -r "$tmp/x.txt" >"$tmp/out" 2>"$tmp/err"
expect_err kernel-machine $? 1 "moat: error: kernel '$tmp/k.elf': not a RISC-V ELF file (e_machine 62)"
"$moat" pingpong.xml --search-path "$pds" --board qemu_virt_riscv64 --config debug \
    --override-kernel "$tmp/nosuch.elf" >"$tmp/out" 2>"$tmp/err"
expect_err kernel-missing $? 1 "moat: error: cannot open kernel '$tmp/nosuch.elf': No such file or directory"
mkdir -p "$tmp/sdk/board/qemu_virt_riscv64/release/elf"
cp "$kernel" "$tmp/sdk/board/qemu_virt_riscv64/release/elf/kernel.elf"
MICROKIT_SDK="$tmp/sdk" "$moat" pingpong.xml --search-path "$pds" --board qemu_virt_riscv64 \
    --config release -o "$tmp/x.img" -r "$tmp/x.txt" >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && ok kernel-from-sdk || bad kernel-from-sdk "$(head -1 "$tmp/err")"
cp "$kernel" "$tmp/k.elf"
rename "$tmp/k.elf" __image_start __image_stbrt
"$moat" pingpong.xml --search-path "$pds" --board qemu_virt_riscv64 --config debug \
    --override-kernel "$tmp/k.elf" -o "$tmp/x.img" -r "$tmp/x.txt" >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && ok kernel-no-image-start || bad kernel-no-image-start "$(head -1 "$tmp/err")"
# kernel_case NAME MESSAGE: the commands on stdin break $k, a copy of the kernel.
kernel_case() {
    local k="$tmp/$1.kernel.elf"
    cp "$kernel" "$k"
    source /dev/stdin
    "$moat" pingpong.xml --search-path "$pds" --board qemu_virt_riscv64 --config debug \
        --override-kernel "$k" -o "$tmp/x.img" -r "$tmp/x.txt" >"$tmp/out" 2>"$tmp/err"
    expect_err "kernel/$1" $? 1 "moat: error: kernel '$k': $2"
}
kernel_case image-start '__image_start is 0xffffffc080203000, but the kernel ends at 0xffffffc08020f000' \
    <<<'poke "$k" $(($(load "$k" 1) + 40)) 0xe000 8'
kernel_case vaddr 'segment 0: virtual 0x80200000 is not KERNEL_VBASE + physical' \
    <<<'poke "$k" $(($(load "$k" 0) + 16)) 0x80200000 8'
kernel_case paddr 'segment 0 at physical 0x1000 is outside [0x80200000, 0x86200000)' \
    <<<'poke "$k" $(($(load "$k" 0) + 24)) 0x1000 8'
kernel_case magic 'not an ELF file (bad magic)' <<<'poke "$k" 0 0 1'
kernel_case truncated 'program header table out of file bounds' <<<'head -c 100 "$kernel" >"$k"'
kernel_case no-loads 'no loadable segments' \
    <<<'poke "$k" $(load "$k" 1) 0 4; poke "$k" $(load "$k" 0) 0 4'
kernel_case seg-bounds 'segment 1: file range out of file bounds' <<<'head -c $((0x2004)) "$kernel" >"$k"'
kernel_case filesz 'segment 1: p_filesz 0x8 exceeds p_memsz 0x4' \
    <<<'poke "$k" $(($(load "$k" 1) + 40)) 4 8'
kernel_case shoff 'section header table out of file bounds' <<<'poke "$k" 40 0xfffffff0 8'
kernel_case symtab 'symbol table out of file bounds' <<<'poke "$k" $(($(sect "$k" 2) + 24)) 0xffffff00 8'
kernel_case strtab 'string table out of file bounds' \
    <<<'s=$(u32 "$k" $(($(sect "$k" 2) + 40))); poke "$k" $(($(u64 "$k" 40) + s * 64 + 24)) 0xffffff00 8'
# symdup FILE NAME: the symbol at the entry point (_start) is renamed NAME by
# pointing its st_name at NAME's string.
symdup() {
    local s symoff nsym stroff at i
    s=$(sect "$1" 2)
    symoff=$(u64 "$1" $((s + 24)))
    nsym=$(($(u64 "$1" $((s + 32))) / 24))
    stroff=$(u64 "$1" $(($(u64 "$1" 40) + $(u32 "$1" $((s + 40))) * 64 + 24)))
    at=$(grep -obUa -- "$2" "$1" | head -1 | cut -d: -f1)
    for ((i = 0; i < nsym; i++)); do
        if [ "$(u64 "$1" $((symoff + i * 24 + 8)))" = "$(u64 "$1" 24)" ] &&
            [ "$(u32 "$1" $((symoff + i * 24)))" != 0 ]; then
            poke "$1" $((symoff + i * 24)) $((at - stroff)) 4
        fi
    done
}
kernel_case image-start-dup "symbol '__image_start' is defined more than once" <<<'symdup "$k" __image_start'
"$moat" pingpong.xml --search-path "$pds" --board qemu_virt_riscv64 --config debug \
    --override-kernel "$kernel" -o "$tmp/nodir/x.img" -r "$tmp/x.txt" >"$tmp/out" 2>"$tmp/err"
expect_err cannot-write $? 1 "moat: error: cannot write '$tmp/nodir/x.img': No such file or directory"
"$moat" pingpong.xml --search-path "$pds" --board qemu_virt_riscv64 --config debug \
    --override-kernel "$kernel" -o "$tmp/x.img" -r "$tmp/nodir/x.txt" >"$tmp/out" 2>"$tmp/err"
expect_err cannot-write-report $? 1 "moat: error: cannot write '$tmp/nodir/x.txt': No such file or directory"
# /dev/full opens, then every write fails.
"$moat" pingpong.xml --search-path "$pds" --board qemu_virt_riscv64 --config debug \
    --override-kernel "$kernel" -o /dev/full -r "$tmp/x.txt" >"$tmp/out" 2>"$tmp/err"
expect_err cannot-write-full $? 1 "moat: error: cannot write '/dev/full': No space left on device"
"$moat" pingpong.xml --search-path "$pds" --board qemu_virt_riscv64 --config debug \
    --override-kernel "$kernel" -o "$tmp/x.img" -r /dev/full >"$tmp/out" 2>"$tmp/err"
expect_err cannot-write-report-full $? 1 "moat: error: cannot write '/dev/full': No space left on device"

# --- --graph ---------------------------------------------------------------------
# The SVG is Graphviz's: a picture with every PD's name in it (tests/pictures
# looks at the examples' pictures as a person would). Without dot on PATH, or
# when it fails, nothing is left at FILE; DOT needs no Graphviz.
cd "$here/ok" || exit 1
moat graph.xml --graph "$tmp/g.svg"
st=$?
if [ $st = 0 ] && grep -q '^<svg' "$tmp/g.svg" && [ "$(grep -c '^<g id="node' "$tmp/g.svg")" -ge 6 ] &&
    grep -Fxq "moat: wrote $tmp/g.svg (the system drawn, SVG)" "$tmp/out"; then
    ok graph/svg
else
    bad graph/svg "status $st: $(head -1 "$tmp/err")"
fi
mkdir -p "$tmp/bin" "$tmp/nobin"
printf '#!/bin/sh\nexit 3\n' >"$tmp/bin/dot"
chmod +x "$tmp/bin/dot"
# graph_fails NAME WANT: the last run failed with WANT and left no $tmp/g.svg.
graph_fails() {
    local st=$?
    if [ -e "$tmp/g.svg" ]; then bad "$1" "$tmp/g.svg left behind"; else expect_err "$1" $st 1 "$2"; fi
}
PATH=$tmp/nobin moat graph.xml --graph "$tmp/g.svg"
graph_fails graph/no-dot "moat: error: cannot write '$tmp/g.svg': cannot run Graphviz's 'dot' (No such file or directory); install Debian's graphviz, or write DOT with --graph FILE.dot"
PATH=$tmp/bin moat graph.xml --graph "$tmp/g.svg"
graph_fails graph/dot-fails "moat: error: cannot write '$tmp/g.svg': 'dot -Tsvg' failed (exit status 3)"
PATH=$tmp/nobin moat graph.xml --graph "$tmp/g.dot"
st=$?
[ $st = 0 ] && cmp -s graph.dot "$tmp/g.dot" && ok graph/dot-without-graphviz ||
    bad graph/dot-without-graphviz "status $st: $(head -1 "$tmp/err")"
moat graph.xml --graph "$tmp/nodir/g.dot"
expect_err graph/cannot-write $? 1 "moat: error: cannot write '$tmp/nodir/g.dot': No such file or directory"
ln -s /dev/full "$tmp/full.dot"
moat graph.xml --graph "$tmp/full.dot"
expect_err graph/full $? 1 "moat: error: cannot write '$tmp/full.dot': No space left on device"
[ -c /dev/full ] && ok graph/full-kept || bad graph/full-kept "/dev/full was removed"

# --- command line ----------------------------------------------------------------
cmdline() {
    local n=$1 want=$2
    shift 2
    "$moat" "$@" >"$tmp/out" 2>"$tmp/err"
    expect_err "cmdline/$n" $? 2 "$want"
}
std=(--board qemu_virt_riscv64 --config debug --override-kernel "$kernel")
cmdline unknown-option "moat: error: unknown option '--frobnicate'" pingpong.xml --frobnicate "${std[@]}"
cmdline missing-value "moat: error: option '-o' needs a value" pingpong.xml "${std[@]}" -o
cmdline unknown-board "moat: error: unknown board 'zcu102' (qemu_virt_riscv64)" \
    pingpong.xml --board zcu102 --config debug
cmdline unknown-config "moat: error: unknown config 'fast' (debug, release, benchmark, smp-debug, smp-release or smp-benchmark)" \
    pingpong.xml --board qemu_virt_riscv64 --config fast
cmdline missing-board "moat: error: missing --board" pingpong.xml --config debug
cmdline missing-config "moat: error: missing --config" pingpong.xml --board qemu_virt_riscv64
cmdline no-system "moat: error: no system description given" "${std[@]}"
cmdline two-systems "moat: error: more than one system description ('b.xml')" a.xml b.xml "${std[@]}"
cmdline image-type-case "moat: error: unknown image type 'ELF' (binary, elf or uimage)" \
    pingpong.xml "${std[@]}" --image-type ELF
cmdline image-type-empty "moat: error: unknown image type '' (binary, elf or uimage)" \
    pingpong.xml "${std[@]}" --image-type ''
cmdline image-type-missing "moat: error: option '--image-type' needs a value" \
    pingpong.xml "${std[@]}" --image-type
cmdline image-type-bad "moat: error: unknown image type 'hex' (binary, elf or uimage)" \
    pingpong.xml "${std[@]}" --image-type hex
cmdline graph-type "moat: error: --graph 'x.png': the file name must end in .svg or .dot" \
    pingpong.xml "${std[@]}" --graph x.png
cmdline graph-missing "moat: error: option '--graph' needs a value" pingpong.xml "${std[@]}" --graph
many=()
for i in $(seq 65); do many+=(--search-path .); done
cmdline too-many-search-paths "moat: error: too many search paths (at most 64)" pingpong.xml "${many[@]}"
"$moat" --help >"$tmp/out" 2>&1
[ $? = 0 ] && grep -q '^usage: moat' "$tmp/out" && ok cmdline/help || bad cmdline/help "no usage"
moat pingpong.xml --image-type binary --viper-output "$tmp/v" --capdl-json "$tmp/c.json"
st=$?
if [ $st = 0 ] && grep -Fxq "moat: note: --viper-output does not apply to moat (no capDL spec); ignored" "$tmp/err" &&
    grep -q '^moat: wrote .* (.* bytes, 2 protection domains)$' "$tmp/out"; then
    ok cmdline/ignored-options
else
    bad cmdline/ignored-options "status $st: $(head -1 "$tmp/err")"
fi
# Microkit's benchmark configuration is accepted (the kernel is the one given).
"$moat" pingpong.xml --search-path "$pds" --board qemu_virt_riscv64 --config benchmark \
    --override-kernel "$kernel" -o "$tmp/x.img" -r "$tmp/x.txt" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 0 ] && [ ! -s "$tmp/err" ] && ok cmdline/benchmark-config ||
    bad cmdline/benchmark-config "status $st: $(head -1 "$tmp/err")"
"$moat" nosuch.xml "${std[@]}" >"$tmp/out" 2>"$tmp/err"
expect_err cmdline/no-such-system $? 1 "moat: error: cannot open 'nosuch.xml': No such file or directory"
"$moat" "$tmp/adir" "${std[@]}" >"$tmp/out" 2>"$tmp/err"
expect_err cmdline/system-directory $? 1 "moat: error: cannot open '$tmp/adir': Is a directory"
cp pingpong.xml "$tmp/noread-system.xml"
chmod 000 "$tmp/noread-system.xml"
if [ "${noread[0]:-}" = none ]; then
    echo "skip cmdline/noread-system: a file with mode 000 is readable here"
else
    "${noread[@]}" "$moat" "$tmp/noread-system.xml" "${std[@]}" >"$tmp/out" 2>"$tmp/err"
    expect_err cmdline/noread-system $? 1 "moat: error: cannot open '$tmp/noread-system.xml': Permission denied"
fi
# libxml2 reports no error of its own for an empty document.
: >"$tmp/empty.xml"
"$moat" "$tmp/empty.xml" "${std[@]}" >"$tmp/out" 2>"$tmp/err"
expect_err cmdline/empty-system $? 1 "$tmp/empty.xml:1:1: error: malformed XML"

# Many errors: at most 20 are printed, then one note; finding and placing
# them is linear in the file (it was quadratic: 50,000 unknown attributes
# took 20 s, 50,000 bad PDs more than 5 minutes). `timeout 60` only turns a
# relapse into a failure rather than a stuck suite; each run takes well
# under a second. gen N FORMAT: N lines printf'd with 0..N-1.
gen() { seq 0 $(($1 - 1)) | awk -v f="$2\n" '{ printf f, $1, $1 }'; }
# many_errors NAME: run $tmp/NAME.xml; stderr must be $tmp/NAME.want plus the note.
many_errors() {
    (cd "$tmp" && timeout 60 "$moat" "$1.xml" --search-path "$pds" --board qemu_virt_riscv64 \
        --config debug --override-kernel "$kernel" -o loader.img -r report.txt >out 2>err)
    local st=$?
    echo "moat: note: more than 20 errors; the rest are not shown" >>"$tmp/$1.want"
    if [ $st -ne 1 ]; then
        bad "scale/$1" "exit status $st, want 1: $(head -1 "$tmp/err")"
    elif ! cmp -s "$tmp/$1.want" "$tmp/err"; then
        bad "scale/$1" "diagnostics differ: $(diff "$tmp/$1.want" "$tmp/err" | grep '^[<>]' | head -2 | tr '\n' '|')"
    else
        ok "scale/$1"
    fi
}
{
    echo '<system>'
    gen 50000 '    <protection_domain name="p%05d" bogus="1"><program_image path="ping.elf"/></protection_domain>'
    echo '</system>'
} >"$tmp/pds.xml"
gen 20 "pds.xml:%d:38: error: unknown attribute 'bogus' on element 'protection_domain'" |
    awk '{ sub(/:[0-9]+:38:/, ":" NR + 1 ":38:"); print }' >"$tmp/pds.want"
many_errors pds
{
    echo '<system>'
    echo '    <protection_domain name="a"><program_image path="ping.elf"/></protection_domain>'
    gen 10000 '    <channel><end pd="a" id="0"/><end pd="nosuch%d" id="1"/></channel>'
    echo '</system>'
} >"$tmp/channels.xml"
gen 20 "channels.xml:%d:39: error: unknown protection domain 'nosuch%d'" |
    awk '{ sub(/:[0-9]+:39:/, ":" NR + 2 ":39:"); print }' >"$tmp/channels.want"
many_errors channels
# Lost names (of refused elements) and hints are looked up only for errors
# that are shown: 30,000 misspelt PDs and as many unknown names took 5 s.
{
    echo '<system>'
    echo '    <protection_domain name="a"><program_image path="ping.elf"/></protection_domain>'
    gen 30000 '    <protection_domian name="p%d"/>'
    gen 30000 '    <channel><end pd="a" id="0"/><end pd="x%d" id="1"/></channel>'
    echo '</system>'
} >"$tmp/lost.xml"
gen 20 "lost.xml:%d:5: error: unknown element 'protection_domian' in 'system'; did you mean 'protection_domain'?" |
    awk '{ sub(/:[0-9]+:5:/, ":" NR + 2 ":5:"); print }' >"$tmp/lost.want"
many_errors lost
# libxml2 2.9 checks an element's attributes for duplicates pairwise (100,000
# attributes on one element took it 20 s): such an element is refused first.
{
    echo '<system>'
    printf '    <protection_domain name="a"'
    gen 100000 ' x%d="1"' | tr -d '\n'
    echo '/>'
    echo '</system>'
} >"$tmp/attrs.xml"
(cd "$tmp" && timeout 60 "$moat" attrs.xml --search-path "$pds" --board qemu_virt_riscv64 \
    --config debug --override-kernel "$kernel" -o loader.img -r report.txt >out 2>err)
expect_err scale/attributes $? 1 "attrs.xml:2:5: error: element has 100001 attributes; at most 64"

# --- image types -------------------------------------------------------------------
# The same system as binary (the reference), uimage (the default) and elf.
cd "$here/ok" || exit 1
# be32 FILE OFF: the big-endian 4-byte word at OFF.
be32() { od -A n -t x1 -j "$2" -N 4 "$1" | tr -d ' \n' | sed 's/^/0x/'; }
# crc FILE [SKIP [LEN]]: CRC-32 of LEN bytes from SKIP (gzip's trailer holds it).
crc() {
    tail -c +$((${2:-0} + 1)) "$1" | head -c "${3:-$(stat -c %s "$1")}" | gzip -c | tail -c 8 |
        od -A n -t u4 -N 4 | tr -d ' '
}
images() {
    local k=$1 t
    for t in binary uimage elf default; do
        if [ $t = default ]; then
            "$moat" pingpong.xml --search-path "$pds" --board qemu_virt_riscv64 --config debug \
                --override-kernel "$k" -o "$tmp/default.img" -r "$tmp/r.txt" >"$tmp/out" 2>"$tmp/err"
        else
            "$moat" pingpong.xml --search-path "$pds" --board qemu_virt_riscv64 --config debug \
                --override-kernel "$k" --image-type $t -o "$tmp/$t.img" -r "$tmp/r.txt" \
                >"$tmp/out" 2>"$tmp/err"
        fi || bad "image-type/$t" "exit status $?: $(head -1 "$tmp/err")"
    done
}
images "$kernel"
bin=$(stat -c %s "$tmp/binary.img")
u=$tmp/uimage.img
check_img() { if [ "$2" = "$3" ]; then ok "image-type/$1"; else bad "image-type/$1" "got '$2', want '$3'"; fi; }
check_img default-is-uimage "$(cmp "$tmp/default.img" "$u" && echo same)" same
check_img uimage-size "$(stat -c %s "$u")" $((bin + 64))
check_img uimage-magic "$(be32 "$u" 0)" 0x27051956
check_img uimage-time "$(be32 "$u" 8)" 0x00000000
check_img uimage-data-size "$(($(be32 "$u" 12)))" "$bin"
check_img uimage-load "$(be32 "$u" 16)" 0x80200000
check_img uimage-entry "$(be32 "$u" 20)" 0x80200000
check_img uimage-data-crc "$(($(be32 "$u" 24)))" "$(crc "$tmp/binary.img")"
check_img uimage-os-arch-type-comp "$(od -A n -t u1 -j 28 -N 4 "$u" | xargs)" "5 26 2 0"
check_img uimage-name "$(od -A n -c -j 32 -N 32 "$u" | tr -d ' \n')" "moat$(printf '\\0%.0s' $(seq 28))"
head -c 64 "$u" >"$tmp/hdr" && printf '\0\0\0\0' | dd of="$tmp/hdr" bs=1 seek=4 conv=notrunc 2>/dev/null
check_img uimage-header-crc "$(($(be32 "$u" 4)))" "$(crc "$tmp/hdr")"
check_img uimage-data "$(tail -c +65 "$u" | cmp - "$tmp/binary.img" && echo same)" same
e=$tmp/elf.img
readelf -h -l -W "$e" >"$tmp/readelf" 2>&1
check_img elf-class "$(sed -n 's/^ *Class: *//p' "$tmp/readelf")" ELF64
check_img elf-data "$(sed -n 's/^ *Data: *//p' "$tmp/readelf")" "2's complement, little endian"
check_img elf-type "$(sed -n 's/^ *Type: *\([A-Z]*\).*/\1/p' "$tmp/readelf")" EXEC
check_img elf-machine "$(sed -n 's/^ *Machine: *//p' "$tmp/readelf")" RISC-V
check_img elf-entry "$(sed -n 's/^ *Entry point address: *//p' "$tmp/readelf")" 0x80200000
check_img elf-one-segment "$(grep -c '^ *LOAD' "$tmp/readelf") $(grep -c '^ *[A-Z_]* *0x' "$tmp/readelf")" "1 1"
check_img elf-load "$(grep '^ *LOAD' "$tmp/readelf" | awk '{print $2, $3, $4, $5, $6, $7}')" \
    "$(printf '0x001000 0x0000000080200000 0x0000000080200000 0x%06x 0x%06x RWE' "$bin" "$bin")"
check_img elf-segment-bytes "$(tail -c +$((0x1000 + 1)) "$e" | cmp - "$tmp/binary.img" && echo same)" same
check_img elf-size "$(stat -c %s "$e")" $((bin + 0x1000))
# Booting: QEMU's -kernel loads each type at 0x80200000 and OpenSBI enters it
# there; the debug kernel's first line is "moat: booting". The PDs here may
# not print anything, so that line is all that is looked for.
real=$(cd "$(dirname "$moat")" && pwd)/sdk/board/qemu_virt_riscv64/debug/elf/kernel.elf
if [ ! -f "$real" ] || ! command -v qemu-system-riscv64 >/dev/null; then
    bad image-type/boot "no SDK debug kernel at $real, or no qemu-system-riscv64 (make test-tool builds the SDK first)"
else
    images "$real"
    for t in binary uimage elf; do
        qemu-system-riscv64 -machine virt -nographic -bios default -no-reboot -icount shift=0 \
            -kernel "$tmp/$t.img" </dev/null >"$tmp/$t.log" 2>&1 &
        q=$!
        for _ in $(seq 100); do
            grep -q 'moat: booting' "$tmp/$t.log" && break
            sleep 0.1
        done
        kill "$q" 2>/dev/null
        wait "$q" 2>/dev/null
        if grep -q 'moat: booting' "$tmp/$t.log"; then
            ok "image-type/boot-$t"
        else
            bad "image-type/boot-$t" "no 'moat: booting' in 10 s: $(head -c 200 "$tmp/$t.log" | tr '\n' '|')"
        fi
    done
fi

# --- libmicrokit's refusals ----------------------------------------------------
# Upstream's ARM- and x86-only calls must not build against the SDK's
# microkit.h: each call is a compile error naming the call and what moat
# lacks, and a program that calls none of them builds.
inc=$(cd "$(dirname "$moat")" && pwd)/sdk/board/qemu_virt_riscv64/debug/include
rv() { riscv64-unknown-elf-gcc -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -mcmodel=medany \
    -ffreestanding -std=c11 -Wall -Wextra -Werror -O2 -I "$inc" -c "$@"; }
refused='
arm_vm microkit_vcpu_restart(0, 0)
arm_vm microkit_vcpu_stop(0)
arm_vm microkit_vcpu_arm_inject_irq(0, 0, 0, 0, 0)
arm_vm microkit_vcpu_arm_ack_vppi(0, 0)
arm_vm microkit_vcpu_arm_read_reg(0, 0)
arm_vm microkit_vcpu_arm_write_reg(0, 0, 0)
smc microkit_arm_smc_call((seL4_ARM_SMCContext *)0, (seL4_ARM_SMCContext *)0)
x86_io microkit_x86_ioport_write_8(0, 0, 0)
x86_io microkit_x86_ioport_write_16(0, 0, 0)
x86_io microkit_x86_ioport_write_32(0, 0, 0)
x86_io microkit_x86_ioport_read_8(0, 0)
x86_io microkit_x86_ioport_read_16(0, 0)
x86_io microkit_x86_ioport_read_32(0, 0)
x86_vm microkit_vcpu_x86_read_vmcs(0, 0)
x86_vm microkit_vcpu_x86_write_vmcs(0, 0, 0)
x86_vm microkit_vcpu_x86_read_msr(0, 0)
x86_vm microkit_vcpu_x86_write_msr(0, 0, 0)
x86_vm microkit_vcpu_x86_enable_ioport(0, 0, 0, 0)
x86_vm microkit_vcpu_x86_disable_ioport(0, 0, 0)
x86_vm microkit_vcpu_x86_write_regs(0, (seL4_VCPUContext *)0)'
if [ ! -f "$inc/microkit.h" ] || ! command -v riscv64-unknown-elf-gcc >/dev/null; then
    bad lib/refused "no SDK header at $inc/microkit.h, or no riscv64-unknown-elf-gcc"
else
    printf '#include <microkit.h>\nvoid init(void) {}\nvoid notified(microkit_channel ch) { (void)ch; }\n' >"$tmp/none.c"
    if rv "$tmp/none.c" -o "$tmp/none.o" 2>"$tmp/cc.err"; then ok lib/refused-none-called
    else bad lib/refused-none-called "$(head -1 "$tmp/cc.err")"; fi
    echo "$refused" | while read -r kind call; do
        [ -n "$kind" ] || continue
        fn=${call%%(*}
        case $kind in
        arm_vm) what="ARM virtualisation is" ;;
        smc) what="ARM SMC calls are" ;;
        x86_io) what="x86 I/O ports are" ;;
        x86_vm) what="x86 virtualisation (VT-x) is" ;;
        esac
        printf '#include <microkit.h>\nvoid init(void) { (void)%s; }\nvoid notified(microkit_channel ch) { (void)ch; }\n' \
            "$call" >"$tmp/$fn.c"
        want="error: call to '$fn' declared with attribute error: $fn: $what not available on moat (RISC-V)"
        if rv "$tmp/$fn.c" -o "$tmp/$fn.o" 2>"$tmp/cc.err"; then
            echo "FAIL lib/refused-$fn: compiled"
        elif [ "$(grep -c ' error: ' "$tmp/cc.err")" != 1 ] || ! grep -qF "$want" "$tmp/cc.err"; then
            echo "FAIL lib/refused-$fn: want '$want', got: $(grep ' error: ' "$tmp/cc.err" | head -2 | tr '\n' '|')"
        else
            echo "ok lib/refused-$fn"
        fi
    done >"$tmp/refused"
    cat "$tmp/refused"
    pass=$((pass + $(grep -c '^ok ' "$tmp/refused")))
    fail=$((fail + $(grep -c '^FAIL ' "$tmp/refused")))
fi

# --- moat symbolize (tests/tool/symbolize.sh) --------------------------------------
"$here/symbolize.sh" "$moat" >"$tmp/symbolize"
cat "$tmp/symbolize"
pass=$((pass + $(grep -c '^ok ' "$tmp/symbolize")))
fail=$((fail + $(grep -c '^FAIL ' "$tmp/symbolize")))

summary tool
