#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Tests of `moat trace` (tools/moat/trace.c, timeline.c): run.sh MOAT
#   err/NAME.log  must fail with exit 1, printing exactly err/NAME.expect
#                 (file:line:col: error: lines) on stderr, run in err/.
#   ok/NAME.log   must convert: the JSON must equal ok/NAME.json (UPDATE=1
#                 rewrites it), parse (python3 -m json.tool, and jq if it is
#                 installed), and the SVG must parse as XML and have a lane
#                 for every PD the dump names.
#   cmdline       command-line errors exit 2.
#   system        tests/system/trace booted on the SDK's debug kernel (its
#                 console in $B/tests/system/trace/tool/): the JSON and SVG
#                 of its console, with a lane for each of its three PDs and
#                 its calls, replies and notifications in the JSON.
# Prints "ok trace/NAME" or "FAIL trace/NAME: why", then "trace: N passed,
# M failed"; exits 1 on any failure.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/tests/trace
B=${B:-$top/build}
moat=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# shellcheck source=tests/suite.sh
. "$top/tests/suite.sh"

# lanes JSON SVG LOG: every PD that LOG's last dump names is a thread of
# JSON and a lane of SVG, and both files parse; prints what is wrong, if anything.
lanes() {
    python3 - "$1" "$2" "$3" <<'EOF'
import json, re, sys, xml.etree.ElementTree as ET
names = []
for line in open(sys.argv[3], newline=""):
    line = line.rstrip("\r\n")
    if "moat: trace v1: " in line:
        names = []
    m = re.search(r"moat: trace pd [0-9]+ (.*)$", line)
    if m:
        names.append(m.group(1))
try:
    threads = {e["args"]["name"] for e in json.load(open(sys.argv[1]))["traceEvents"]
               if e["ph"] == "M" and e["name"] == "thread_name"}
    svg = {t.text for t in ET.parse(sys.argv[2]).getroot().iter("{http://www.w3.org/2000/svg}text")
           if t.get("class") == "lane"}
except Exception as e:
    print(e)
    sys.exit(0)
if not names:
    print("no PD named in the log")
for name in names:
    if name not in threads:
        print("no thread '%s' in the JSON" % name)
    elif name not in svg:
        print("no lane '%s' in the SVG" % name)
EOF
}

# valid JSON: python3's parser, and jq's if there is one; prints any complaint.
valid() {
    python3 -m json.tool "$1" >/dev/null 2>"$tmp/json.err" || head -1 "$tmp/json.err"
    if command -v jq >/dev/null 2>&1; then
        jq -e '.traceEvents | length > 0' "$1" >/dev/null 2>&1 || echo "jq does not read it"
    fi
}

# --- err/*.log -------------------------------------------------------------------
cd "$here/err" || exit 1
for f in *.log; do
    n=${f%.log}
    "$moat" trace "$f" -o "$tmp/out.json" 2>"$tmp/err"
    st=$?
    if [ "$st" != 1 ]; then
        bad "trace/err/$n" "exit status $st, want 1"
    elif ! cmp -s "$n.expect" "$tmp/err"; then
        bad "trace/err/$n" "diagnostics differ (want, got): $(diff "$n.expect" "$tmp/err" | grep '^[<>]' | head -4 | tr '\n' '|')"
    else
        ok "trace/err/$n"
    fi
done

# --- ok/*.log --------------------------------------------------------------------
cd "$here/ok" || exit 1
for f in *.log; do
    n=${f%.log}
    if ! "$moat" trace "$f" -o "$tmp/$n.json" --svg "$tmp/$n.svg" 2>"$tmp/err"; then
        bad "trace/ok/$n" "failed: $(head -1 "$tmp/err")"
        continue
    fi
    [ "${UPDATE:-}" = 1 ] && cp "$tmp/$n.json" "$n.json"
    why=$(valid "$tmp/$n.json")
    [ -z "$why" ] && why=$(lanes "$tmp/$n.json" "$tmp/$n.svg" "$f")
    if [ -n "$why" ]; then
        bad "trace/ok/$n" "$why"
    elif ! cmp -s "$n.json" "$tmp/$n.json"; then
        bad "trace/ok/$n" "JSON differs from ok/$n.json (UPDATE=1 rewrites it): $(diff "$n.json" "$tmp/$n.json" | head -3 | tr '\n' '|')"
    else
        ok "trace/ok/$n"
    fi
done

# --- the command line ------------------------------------------------------------
cmdline() {
    name=$1
    shift
    "$moat" trace "$@" >/dev/null 2>"$tmp/err"
    st=$?
    if [ "$st" = 2 ] && grep -q '^usage: moat trace' "$tmp/err"; then
        ok "trace/cmdline/$name"
    else
        bad "trace/cmdline/$name" "exit status $st, want 2 and the usage: $(head -1 "$tmp/err")"
    fi
}
cmdline no-log
cmdline two-logs mixed.log noswitch.log
cmdline unknown-option --frobnicate mixed.log
cmdline no-file-name mixed.log -o
"$moat" trace "$tmp/none.log" 2>"$tmp/err"
st=$?
if [ "$st" = 1 ] && grep -q "^moat: error: cannot read '$tmp/none.log': No such file" "$tmp/err"; then
    ok "trace/cmdline/missing-file"
else
    bad "trace/cmdline/missing-file" "exit status $st, want 1: $(head -1 "$tmp/err")"
fi

# --- a real system ---------------------------------------------------------------
# Booted here rather than read from make test-system's run, so that this
# suite stands alone.
cd "$top" || exit 1
log=$B/tests/system/trace/tool/console.log
if ! SUFFIX=/tool tests/system/run.sh trace >"$tmp/boot" 2>&1; then
    bad trace/system "tests/system/trace did not pass: $(head -1 "$tmp/boot")"
elif ! "$moat" trace "$log" -o "$tmp/sys.json" --svg "$tmp/sys.svg" 2>"$tmp/err"; then
    bad trace/system "moat trace failed: $(head -1 "$tmp/err")"
else
    why=$(valid "$tmp/sys.json")
    [ -z "$why" ] && why=$(lanes "$tmp/sys.json" "$tmp/sys.svg" "$log")
    for pd in client server pinger; do
        [ -z "$why" ] && ! grep -q "\"name\":\"$pd\"" "$tmp/sys.json" && why="no lane for $pd"
    done
    for kind in call reply notify; do
        [ -z "$why" ] && ! grep -q "\"name\":\"$kind " "$tmp/sys.json" && why="no $kind in the JSON"
    done
    [ -z "$why" ] && [ "$(grep -c '"ph":"X"' "$tmp/sys.json")" -lt 3 ] && why="fewer than 3 runs in the JSON"
    if [ -n "$why" ]; then
        bad trace/system "$why"
    else
        ok trace/system
    fi
fi
summary trace
