#!/bin/sh
# Installs the Debian packages moat needs to build, test and simulate, if any are missing.
# Called by the Makefile before `make simulate` and `make test`; safe to run by hand.
set -eu

PKGS="gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf
qemu-system-misc opensbi libxml2-dev libcmocka-dev clang libclang-rt-14-dev gcc make
pkg-config rustc rust-src gdb-multiarch graphviz librsvg2-bin libxml2-utils"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "moat: missing Debian packages:$missing" >&2
    echo "moat: run as root, or: sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "moat: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing </dev/null
