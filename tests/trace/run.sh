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
#   v1-is-v2      a v1 dump and the v2 dump of one core with the same events
#                 give the same JSON.
#   cmdline       command-line errors exit 2.
#   system        tests/system/trace booted on the SDK's debug kernel (its
#                 console in $B/tests/system/trace/tool/): the JSON and SVG
#                 of its console, with a lane for each of its three PDs and
#                 its calls, replies and notifications in the JSON.
#   system-smp    tests/system/smp_trace booted on smp-debug (-smp 4): its
#                 two cores' rings merged, each event on its core's lane, a
#                 notification each way and a call and reply across cores.
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
names, cpus, v1 = [], 1, False
for line in open(sys.argv[3], newline=""):
    line = line.rstrip("\r\n")
    m = re.search(r"moat: trace (v1: |v[0-9]+: [0-9]+ pds, ([0-9]+) cpus)", line)
    if m:
        names, cpus, v1 = [], int(m.group(2) or 1), m.group(1) == "v1: "
    m = re.search(r"moat: trace pd [0-9]+ (.*)$", line)
    if m and v1:
        names.append(m.group(1))
    elif m:  # v2: "cpu K NAME"; a dump of several cores names the lane with the core
        k, name = re.match(r"cpu ([0-9]+) (.*)$", m.group(1)).groups()
        names.append(name if cpus == 1 else "%s (cpu %s)" % (name, k))
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

# The same events in a v1 dump (a kernel before rings per core) and a v2 one
# of one core: the same JSON.
if cmp -s mixed.json mixed_v2.json; then
    ok trace/ok/v1-is-v2
else
    bad trace/ok/v1-is-v2 "mixed.log (v1) and mixed_v2.log (v2, one core) give different JSON"
fi

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

# --- an SMP system: a ring per core, merged -------------------------------------
# tests/system/smp_trace on smp-debug (-smp 4): ping on core 0 notifies pong
# on core 1 and calls the server there. In the merged timeline each event
# is on its own core's lane, the call and the notifications cross cores,
# and the events are in instret order.
log=$B/tests/system/smp_trace/trace-smp/console.log
if ! CONFIG=smp-debug SUFFIX=/trace-smp SMP_ALL=1 TIMEOUT=90 tests/system/run.sh smp_trace >"$tmp/boot" 2>&1; then
    bad trace/system-smp "tests/system/smp_trace did not pass on smp-debug: $(head -1 "$tmp/boot")"
elif ! "$moat" trace "$log" -o "$tmp/smp.json" --svg "$tmp/smp.svg" 2>"$tmp/err"; then
    bad trace/system-smp "moat trace failed: $(head -1 "$tmp/err")"
else
    why=$(valid "$tmp/smp.json")
    [ -z "$why" ] && why=$(lanes "$tmp/smp.json" "$tmp/smp.svg" "$log")
    [ -z "$why" ] && why=$(python3 - "$tmp/smp.json" <<'EOF'
import json, sys
ev = json.load(open(sys.argv[1]))["traceEvents"]
lane = {e["tid"]: e["args"]["name"] for e in ev if e["ph"] == "M" and e["name"] == "thread_name"}
inst = [e for e in ev if e["ph"] == "i"]
want = [("notify pong", "ping (cpu 0)", 0), ("notify ping", "pong (cpu 1)", 1),
        ("call server", "ping (cpu 0)", 0), ("reply ping", "server (cpu 1)", 1)]
for name, on, cpu in want:
    if not any(e["name"] == name and lane[e["tid"]] == on and e["args"]["cpu"] == cpu for e in inst):
        print("no '%s' by %s, recorded on core %d" % (name, on, cpu))
        break
else:
    if [e["ts"] for e in inst] != sorted(e["ts"] for e in inst):
        print("the events are not merged in instret order")
EOF
)
    if [ -n "$why" ]; then
        bad trace/system-smp "$why"
    else
        ok trace/system-smp
    fi
fi
summary trace
