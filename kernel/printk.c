// SPDX-License-Identifier: BSD-2-Clause
//
// Console output for the kernel: a small printf and panic.
#include <stdarg.h>

#include "arch.h"
#include "lock.h"

const char *kernel_epitaph;
#if MOAT_NCPUS > 1
int console_lock_holder;
#endif

static void
puts_(const char *s)
{
    while (*s)
        arch_putc(*s++);
}

static void
putnum(uint64_t v, unsigned base, bool neg)
{
    char buf[24];
    int i = 0;

    if (neg)
        arch_putc('-');
    do {
        buf[i++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (i > 0)
        arch_putc(buf[--i]);
}

void
kprintf(const char *fmt, ...)
{
    va_list ap;
    bool locked = console_lock();

    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            arch_putc(*fmt);
            continue;
        }
        bool lng = false;
        if (*++fmt == 'l') {
            lng = true;
            fmt++;
        }
        if (*fmt == '\0')
            break;
        switch (*fmt) {
        case 's':
            puts_(va_arg(ap, const char *));
            break;
        case 'c':
            arch_putc((char)va_arg(ap, int));
            break;
        case 'd': {
            long v = lng ? va_arg(ap, long) : va_arg(ap, int);
            putnum(v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0);
            break;
        }
        case 'u':
            putnum(lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, false);
            break;
        case 'x': // plain hex, as printf's: write "0x%lx" for a prefix
            putnum(lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, false);
            break;
        case 'p':
            arch_putc('0');
            arch_putc('x');
            putnum((uintptr_t)va_arg(ap, void *), 16, false);
            break;
        default:
            arch_putc('%');
            arch_putc(*fmt);
            break;
        }
    }
    va_end(ap);
    console_unlock(locked);
}

_Noreturn void
panic_at(const char *file, int line, const char *msg)
{
    kernel_epitaph = msg;
    kprintf("panic: %s:%d: %s\n", file, line, msg);
    arch_halt(100);
}
