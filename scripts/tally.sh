#!/bin/sh
# Reads a test log and prints the closing line `N passed, N failed`.
# A result line is `ok <name>` (or cmocka's TAP `ok N - name`), a failure
# `FAIL <name>...` or `not ok ...`. Exit status 1 if anything failed or nothing ran.
log=$1
passed=$(grep -c '^ok ' "$log")
failed=$(grep -c -e '^FAIL ' -e '^not ok ' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
