// SPDX-License-Identifier: BSD-2-Clause
//
// Diagnostics. The only global state in the tool: an error counter, reset at
// the start of every run, and a switch that silences output for fuzzing.
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static int errors;
static bool silent, hidden; // hidden: the last error was over the limit (so are its notes)

static void
emit(struct loc at, const char *kind, const char *fmt, va_list ap)
{
    if (silent || hidden)
        return;
    if (at.line > 0) {
        fprintf(stderr, "%s:%d:%d: %s: ", at.file, at.line, at.col, kind);
    } else {
        fprintf(stderr, "moat: %s: ", kind);
    }
    // A message quotes names and values from the input: a control byte in
    // one is printed as \xNN, so that no input can split or forge a line.
    char buf[1024];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    if (n < 0) {
        n = 0;
    } else if ((size_t)n >= sizeof buf) {
        n = sizeof buf - 1; // longer messages are cut: none is, unless a name is huge
    }
    for (int i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c < 0x20 || c == 0x7f) {
            fprintf(stderr, "\\x%02x", c);
        } else {
            fputc(c, stderr);
        }
    }
    fputc('\n', stderr);
}

void
diag_error(struct loc at, const char *fmt, ...)
{
    va_list ap;

    errors++;
    hidden = errors > DIAG_MAX_ERRORS;
    if (errors == DIAG_MAX_ERRORS + 1 && !silent) {
        fprintf(stderr, "moat: note: more than %d errors; the rest are not shown\n",
                DIAG_MAX_ERRORS);
    }
    va_start(ap, fmt);
    emit(at, "error", fmt, ap);
    va_end(ap);
}

void
diag_warning(struct loc at, const char *fmt, ...)
{
    va_list ap;

    if (hidden)
        return; // it would follow an error that is not shown
    va_start(ap, fmt);
    emit(at, "warning", fmt, ap);
    va_end(ap);
}

void
diag_note(struct loc at, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    emit(at, "note", fmt, ap);
    va_end(ap);
}

bool
diag_shown(void)
{
    return errors < DIAG_MAX_ERRORS;
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
    hidden = false;
}

void
diag_quiet(bool quiet)
{
    silent = quiet;
}
