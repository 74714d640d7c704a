#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# lib/gen_config.sh CONFIG: print the SDK's include/kernel/gen_config.h for
# CONFIG (debug, release, benchmark or their smp- forms), spelled as seL4's generated gen_config.h spells
# each option (`#define CONFIG_X  value`, two spaces; a disabled boolean as a
# `/* disabled: CONFIG_X */` comment), with the values Microkit's SDK has
# for qemu_virt_riscv64 (an MCS kernel, one core; printing and the debug
# build only in debug; benchmark, as Microkit's build_sdk.py has it, a
# non-debug kernel without printing plus KernelBenchmarks=track_utilisation,
# i.e. CONFIG_ENABLE_BENCHMARKS and CONFIG_BENCHMARK_TRACK_UTILISATION).
# Example Makefiles grep `CONFIG_SEL4_ARCH  ` from it.
set -e
case $1 in
debug|smp-debug) dbg='#define CONFIG_DEBUG_BUILD  1'; prn='#define CONFIG_PRINTING  1' ;;
release|benchmark|smp-release|smp-benchmark) dbg='/* disabled: CONFIG_DEBUG_BUILD */'; prn='/* disabled: CONFIG_PRINTING */' ;;
*) echo "usage: $0 debug|release|benchmark|smp-debug|smp-release|smp-benchmark" >&2; exit 1 ;;
esac
# Microkit's smp-* configurations: seL4 built with SMP support for the
# board's cores (moat's: QEMU virt with -smp 4).
case $1 in
smp-*) nodes=4; smp='#define CONFIG_ENABLE_SMP_SUPPORT  1' ;;
*) nodes=1; smp='/* disabled: CONFIG_ENABLE_SMP_SUPPORT */' ;;
esac
if [ "$1" = benchmark ] || [ "$1" = smp-benchmark ]; then
    bench='#define CONFIG_ENABLE_BENCHMARKS  1
#define CONFIG_BENCHMARK_TRACK_UTILISATION  1'
else
    bench='/* disabled: CONFIG_ENABLE_BENCHMARKS */
/* disabled: CONFIG_BENCHMARK_TRACK_UTILISATION */'
fi
cat <<END
#pragma once

/* moat SDK, board qemu_virt_riscv64, configuration $1 (lib/gen_config.sh) */
#define CONFIG_ARCH_RISCV64  1
#define CONFIG_SEL4_ARCH  riscv64
#define CONFIG_ARCH_RISCV  1
#define CONFIG_ARCH  riscv
#define CONFIG_WORD_SIZE  64
#define CONFIG_KERNEL_MCS  1
#define CONFIG_MAX_NUM_NODES  $nodes
$smp
$dbg
$prn
$bench
END
