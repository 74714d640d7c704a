// SPDX-License-Identifier: BSD-2-Clause
//
// An empty stand-in for the compiler_builtins crate, which Debian's rust-src
// 1.63 lacks: memcpy and friends come from libmicrokit (lib/string.c), the
// rest (128-bit division and the like) from GCC's libgcc at link time.
#![no_std]
#![feature(compiler_builtins)]
#![compiler_builtins]
