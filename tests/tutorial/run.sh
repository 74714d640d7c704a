#!/bin/bash
# Follows docs/tutorial.md word for word, as a reader would: every fenced
# block with `file=PATH` after its language is written to PATH, and every
# `console` block's `$ ` lines are run in order, in one shell (so `cd`
# carries over), with MOAT set to this checkout. The lines after a command
# are its expected output: each must appear, in order, as a whole line of
# what it printed (shell wildcards allowed), and a line `...` stands for
# any number of lines; a block with no `...` must match line for line.
# Prints `ok tutorial/<n>` per command and `FAIL tutorial/<n>: why`, then
# "tutorial: N passed, M failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
doc=${1:-$top/docs/tutorial.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MOAT=$top
# The system's build directory is named after its directory: start clean.
rm -rf "$top/build/systems/debug/first"

# The page as a script: files as here-documents, commands as numbered pairs.
awk -v w="$work" '
function flush() { if (n) printf "MOAT_EOF\n"; }
/^```/ && !inblock {
    inblock = 1; kind = ""; n = 0
    if ($0 ~ /file=/) { f = $0; sub(/.*file=/, "", f); printf "cat > %s <<'"'"'MOAT_EOF'"'"'\n", f; kind = "file" }
    else if ($0 ~ /^```console/) kind = "console"
    next
}
/^```/ && inblock {
    if (kind == "file") printf "MOAT_EOF\n"
    if (kind == "console") { flush(); if (c) printf "check %d\n", c }
    inblock = 0; next
}
inblock && kind == "file" { print; next }
inblock && kind == "console" && /^\$ / {
    if (n) { printf "MOAT_EOF\ncheck %d\n", c }
    c++; cmd = substr($0, 3)
    printf "cat > %s/cmd.%d <<'"'"'MOAT_EOF'"'"'\n%s\nMOAT_EOF\n", w, c, cmd
    printf "cat > %s/want.%d <<'"'"'MOAT_EOF'"'"'\n", w, c; n = 1; next
}
inblock && kind == "console" { print; next }
' "$doc" >"$work/steps.sh"

pass=0 fail=0
# check N: run command N and judge its output against want.N.
check() {
    local got="$work/got.$1" want="$work/want.$1" line pat n=0 loose=0
    # shellcheck disable=SC1090 # the commands the page shows
    { . "$work/cmd.$1"; } >"$got" 2>&1 </dev/null
    local status=$?
    tr -d '\r' <"$got" >"$got.lines"
    grep -qx '\.\.\.' "$want" && loose=1
    exec 3<"$got.lines"
    local why=""
    while IFS= read -r pat; do
        [ "$pat" = "..." ] && continue
        local found=0
        while IFS= read -r line <&3; do
            n=$((n + 1))
            # shellcheck disable=SC2254
            case $line in $pat) found=1; break ;; esac
            [ $loose = 1 ] || break
        done
        if [ $found = 0 ]; then why="missing (or out of order): '$pat'"; break; fi
    done <"$want"
    if [ -z "$why" ] && [ $loose = 0 ] && IFS= read -r line <&3; then
        why="more output than the page shows: '$line'"
    fi
    exec 3<&-
    [ -z "$why" ] && [ $status != 0 ] && why="exit status $status"
    if [ -z "$why" ]; then
        echo "ok tutorial/$1: $(cat "$work/cmd.$1")"
        pass=$((pass + 1))
    else
        echo "FAIL tutorial/$1: $(cat "$work/cmd.$1"): $why"
        sed 's/^/    | /' "$got.lines" | tail -15
        fail=$((fail + 1))
    fi
}
cd "$work" || exit 1
# shellcheck disable=SC1091
. "$work/steps.sh"
[ $((pass + fail)) -gt 0 ] || { echo "FAIL tutorial: no commands found in $doc"; fail=1; }
echo "tutorial: $pass passed, $fail failed"
[ $fail -eq 0 ]
