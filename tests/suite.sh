# shellcheck shell=bash
# SPDX-License-Identifier: BSD-2-Clause
#
# What the shell test suites share, sourced by their run.sh: a scratch
# directory $tmp (removed on exit) and the result lines that make test
# counts: ok NAME; bad NAME WHY, which prints "FAIL NAME: WHY"; and
# summary SUITE, the closing "SUITE: N passed, M failed", whose status says
# whether all passed.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
summary() {
    echo "$1: $pass passed, $fail failed"
    [ $fail -eq 0 ]
}
