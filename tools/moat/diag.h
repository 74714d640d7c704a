// SPDX-License-Identifier: BSD-2-Clause
//
// Diagnostics in the compiler format: "file:line:col: error: message" on
// stderr, "moat: error: message" when there is no position. Errors are
// counted so that a stage can report everything it finds and the caller can
// stop afterwards. Only the first DIAG_MAX_ERRORS errors (and their notes)
// are printed, as clang's -ferror-limit does; the rest are still counted.
// Output can be silenced (the fuzz target does).
#pragma once

#include <stdbool.h>

// A position in the system description. line == 0 means "no position".
struct loc {
    const char *file;
    int line, col;
};

#define DIAG_MAX_ERRORS 20

void diag_error(struct loc at, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
// A warning is printed but not counted: the build goes on.
void diag_warning(struct loc at, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_note(struct loc at, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int diag_count(void);
// Whether the next error is among the first DIAG_MAX_ERRORS, those printed
// (unless quiet): a caller may skip costly detail for the others. Quiet or
// not, the answer is the same, so that a quiet run (the fuzzer's) checks
// what a loud one does.
bool diag_shown(void);
void diag_reset(void);
void diag_quiet(bool quiet);
