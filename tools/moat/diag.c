// SPDX-License-Identifier: BSD-2-Clause
//
// Diagnostics. The only global state in the tool: an error counter, reset at
// the start of every run, and a switch that silences output for fuzzing.
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static int errors;
static bool silent;

static void
emit(struct loc at, const char *kind, const char *fmt, va_list ap)
{
    if (silent)
        return;
    if (at.line > 0) {
        fprintf(stderr, "%s:%d:%d: %s: ", at.file, at.line, at.col, kind);
    } else {
        fprintf(stderr, "moat: %s: ", kind);
    }
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void
diag_error(struct loc at, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    emit(at, "error", fmt, ap);
    va_end(ap);
    errors++;
}

void
diag_note(struct loc at, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    emit(at, "note", fmt, ap);
    va_end(ap);
}

int
diag_count(void)
{
    return errors;
}

void
diag_reset(void)
{
    errors = 0;
}

void
diag_quiet(bool quiet)
{
    silent = quiet;
}
