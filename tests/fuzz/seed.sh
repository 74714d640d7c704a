#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Seeds the fuzz corpus: seed.sh CORPUS_DIR PD.elf XML...
# Each seed is an XML file, a NUL byte, then the PD ELF (the fuzz target's
# input format). The XML comes from tests/tool/ok and tests/tool/err, so the
# fuzzer starts from every accepted construct and every diagnostic.
set -eu
dir=$1
elf=$2
shift 2
i=0
for x in "$@"; do
    { cat "$x"; printf '\0'; cat "$elf"; } >"$dir/seed-$i"
    i=$((i + 1))
done
echo "fuzz: $i seeds in $dir"
