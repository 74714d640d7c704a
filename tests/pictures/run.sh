#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# The examples' pictures, looked at as a person would: run.sh BUILD_DIR, where
# BUILD_DIR/NAME/system.svg is what `moat --graph` drew for examples/NAME
# (the Makefile's example rule asks for it; build/examples/debug by default).
# For each example:
#   render    the SVG renders (rsvg-convert) to a PNG of some size;
#   pd/N      every PD of the example's .system has a box whose first line is
#             its name;
#   channel/K every channel is an edge between its two PDs' boxes, each end's
#             id written nearer that end's box than the other's, the caller of
#             a protected procedure call (pp="true") at the tail of a "call";
#   irq/N     every interrupt is a diamond "irq N" with an edge to its PD;
#   map/P/M   every map is an edge from its region's folder to its PD, labelled
#             with its permissions and virtual address ("rw- 0x2000000");
#   service/S every service is an ellipse "service S" with an edge to it from
#             its PD and from each client, and every Tock driver's PD says so
#             in its box and has an edge from each client;
#   committed examples/NAME/system.png is what the SVG renders to, and the
#             README shows it. UPDATE=1 (make pictures) writes them instead.
# OCR of the PNG (tesseract) would read the names off the pixels, but it adds
# a large package and its reading of small labels is not certain; the SVG's
# text, placed by Graphviz and drawn by librsvg, is what the PNG shows.
# Prints "ok NAME" or "FAIL NAME: why" per check, then "pictures: N passed, M failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/build/examples/debug}" && pwd) || exit 1
# shellcheck source=tests/suite.sh
. "$top/tests/suite.sh"

# x FILE XPATH: the string value of XPATH in FILE (SVG elements are in the SVG
# namespace: the queries below name them by local-name()).
x() { xmllint --nonet --xpath "string($2)" "$1" 2>/dev/null; }
g='*[local-name()="g"]'
t='*[local-name()="text"]'
title='*[local-name()="title"]'
# values FILE XPATH: the values of the attributes XPATH selects, one a word.
values() { xmllint --nonet --xpath "$2" "$1" 2>/dev/null | sed 's/ *[a-z_]*="\([^"]*\)"/\1 /g'; }
# node SVG NAME: the DOT name (pdN) of the box whose first line is NAME.
node() { x "$1" "//${g}[@class=\"node\"][${t}[1]=\"$2\"]/$title"; }
# edges SVG FROM TO: how many edges there are from node FROM to node TO.
edges() { x "$1" "count(//${g}[@class=\"edge\"][$title=\"$2->$3\"])"; }
# centre SVG NODE: "X Y", the middle of the node's text (its first line's x, midway
# between its first and last lines).
centre() {
    echo "$(x "$1" "//${g}[@class=\"node\"][$title=\"$2\"]/${t}[1]/@x")" \
        "$(x "$1" "//${g}[@class=\"node\"][$title=\"$2\"]/${t}[1]/@y")" \
        "$(x "$1" "//${g}[@class=\"node\"][$title=\"$2\"]/${t}[last()]/@y")" |
        awk '{ print $1, ($2 + $3) / 2 }'
}
# nearer X Y A B: whether point (X, Y) is nearer point A ("X Y") than point B.
nearer() {
    awk -v x="$1" -v y="$2" -v a="$3" -v b="$4" 'BEGIN {
        split(a, p); split(b, q)
        exit !((x - p[1]) ^ 2 + (y - p[2]) ^ 2 < (x - q[1]) ^ 2 + (y - q[2]) ^ 2) }'
}
be32() { od -A n -t u1 -j "$2" -N 4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'; }

# channel NAME SVG SYSTEM K: channel K (1-based, document order) of SYSTEM.
channel() {
    local n=$1 svg=$2 sys=$3 k=$4 i e ends from to label pd id tail head me other spot lbl lx ly
    e="//${g}[@id=\"ch$((k - 1))\"]"
    ends=$(x "$svg" "$e/$title")
    from=${ends%%->*} to=${ends#*->}
    label=$(x "$svg" "$e/${t}[1]")
    if [ -z "$ends" ]; then
        bad "$n" "no edge"
        return
    fi
    # Graphviz writes an edge's label, then its head label, then its tail label.
    head=$(x "$svg" "$e/${t}[2]")" $(x "$svg" "$e/${t}[2]/@x") $(x "$svg" "$e/${t}[2]/@y")"
    tail=$(x "$svg" "$e/${t}[3]")" $(x "$svg" "$e/${t}[3]/@x") $(x "$svg" "$e/${t}[3]/@y")"
    for i in 1 2; do
        pd=$(x "$sys" "//channel[$k]/end[$i]/@pd")
        id=$(x "$sys" "//channel[$k]/end[$i]/@id")
        me=$(node "$svg" "$pd")
        if [ "$me" = "$from" ]; then spot=$tail other=$to
        elif [ "$me" = "$to" ]; then spot=$head other=$from
        else
            bad "$n" "the edge $from->$to does not touch '$pd''s box ($me)"
            return
        fi
        read -r lbl lx ly <<<"$spot"
        if [ "$lbl" != "$id" ]; then
            bad "$n" "'$pd''s end reads '$lbl', want its id $id"
            return
        fi
        if ! nearer "$lx" "$ly" "$(centre "$svg" "$me")" "$(centre "$svg" "$other")"; then
            bad "$n" "'$pd''s id $id is drawn nearer the other end's box"
            return
        fi
        if [ "$(x "$sys" "//channel[$k]/end[$i]/@pp")" = true ] && { [ "$me" != "$from" ] || [ "${label#call}" = "$label" ]; }; then
            bad "$n" "'$pd' calls, but the edge is $from->$to '$label'"
            return
        fi
    done
    ok "$n"
}

for dir in "$top"/examples/*/; do
    name=$(basename "$dir")
    sys=$(ls "$dir"*.system)
    svg=$build/$name/system.svg
    png=$tmp/$name.png
    if [ ! -s "$svg" ]; then
        bad "pictures/$name" "no picture at $svg (make examples draws them)"
        continue
    fi
    if ! rsvg-convert "$svg" -o "$png" 2>"$tmp/err"; then
        bad "pictures/$name/render" "rsvg-convert: $(head -1 "$tmp/err")"
        continue
    fi
    w=$(be32 "$png" 16) h=$(be32 "$png" 20)
    if [ "$(head -c 4 "$png" | od -A n -t x1 | tr -d ' ')" != 89504e47 ] || [ "$w" -lt 100 ] ||
        [ "$h" -lt 50 ] || [ "$(stat -c %s "$png")" -lt 2000 ]; then
        bad "pictures/$name/render" "a ${w}x$h PNG of $(stat -c %s "$png") bytes"
    else
        ok "pictures/$name/render"
    fi
    for pd in $(values "$sys" '//protection_domain/@name'); do
        if [ -n "$(node "$svg" "$pd")" ]; then ok "pictures/$name/pd/$pd"
        else bad "pictures/$name/pd/$pd" "no box with the name '$pd' on its first line"; fi
    done
    for ((k = 1; k <= $(x "$sys" 'count(//channel)'); k++)); do
        channel "pictures/$name/channel/$k" "$svg" "$sys" $k
    done
    for ((k = 1; k <= $(x "$sys" 'count(//irq)'); k++)); do
        irq=$(x "$sys" "(//irq)[$k]/@irq")
        pd=$(x "$sys" "(//irq)[$k]/../@name")
        d=$(x "$svg" "//${g}[@class=\"node\"][${t}[1]=\"irq $irq\"]/$title")
        if [ -n "$d" ] && [ "$(edges "$svg" "$d" "$(node "$svg" "$pd")")" = 1 ]; then
            ok "pictures/$name/irq/$irq"
        else
            bad "pictures/$name/irq/$irq" "no diamond 'irq $irq' with an edge to '$pd' ($d)"
        fi
    done
    for ((k = 1; k <= $(x "$sys" 'count(//map)'); k++)); do
        mr=$(x "$sys" "(//map)[$k]/@mr")
        pd=$(x "$sys" "(//map)[$k]/../@name")
        p=$(x "$sys" "(//map)[$k]/@perms")
        p=${p:-rw}
        va=$(x "$sys" "(//map)[$k]/@vaddr")
        want="$([[ $p = *r* ]] && echo r || echo -)$([[ $p = *w* ]] && echo w || echo -)$([[ $p = *x* ]] && echo x || echo -) $(printf '%#x' "${va//_/}")"
        d=$(x "$svg" "//${g}[@class=\"node\"][${t}[1]=\"$mr\"]/$title")
        if [ -n "$d" ] && [ "$(x "$svg" "count(//${g}[@class=\"edge\"][$title=\"$d->$(node "$svg" "$pd")\"][${t}=\"$want\"])")" -ge 1 ]; then
            ok "pictures/$name/map/$pd/$mr"
        else
            bad "pictures/$name/map/$pd/$mr" "no folder '$mr' ($d) with an edge '$want' to '$pd'"
        fi
    done
    for ((k = 1; k <= $(x "$sys" 'count(//service)'); k++)); do
        svc=$(x "$sys" "//service[$k]/@name")
        d=$(x "$svg" "//${g}[@class=\"node\"][${t}[1]=\"service\"][${t}[2]=\"$svc\"]/$title")
        why=""
        [ -n "$d" ] || why="no ellipse 'service $svc'"
        for pd in $(values "$sys" "//service[$k]/@pd | //service[$k]/client/@pd"); do
            [ -n "$why" ] || [ "$(edges "$svg" "$(node "$svg" "$pd")" "$d")" = 1 ] || why="no edge from '$pd' to it"
        done
        if [ -z "$why" ]; then ok "pictures/$name/service/$svc"; else bad "pictures/$name/service/$svc" "$why"; fi
    done
    for ((k = 1; k <= $(x "$sys" 'count(//tock_driver)'); k++)); do
        num=$(printf '%#x' "$(x "$sys" "//tock_driver[$k]/@num")")
        pd=$(x "$sys" "//tock_driver[$k]/@pd")
        d=$(node "$svg" "$pd")
        why=""
        [ "$(x "$svg" "count(//${g}[$title=\"$d\"]/${t}[.=\"Tock driver $num\"])")" = 1 ] ||
            why="no 'Tock driver $num' in '$pd''s box"
        for cl in $(values "$sys" "//tock_driver[$k]/client/@pd"); do
            [ -n "$why" ] || [ "$(edges "$svg" "$(node "$svg" "$cl")" "$d")" = 1 ] || why="no edge from '$cl' to it"
        done
        if [ -z "$why" ]; then ok "pictures/$name/tock_driver/$num"; else bad "pictures/$name/tock_driver/$num" "$why"; fi
    done
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$png" "$dir/system.png"
    fi
    if ! cmp -s "$png" "$dir/system.png"; then
        bad "pictures/$name/committed" "examples/$name/system.png is not the picture drawn now (make pictures)"
    elif ! grep -Fq '![system](system.png)' "$dir/README.md"; then
        bad "pictures/$name/committed" "examples/$name/README.md does not show system.png"
    else
        ok "pictures/$name/committed"
    fi
done

summary pictures
