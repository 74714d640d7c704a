// SPDX-License-Identifier: BSD-2-Clause
//
// Console output (moat's, in every configuration, and Microkit's, in debug
// only), child-PD stubs, and the helpers behind microkit.h's checks.
#include "moat.h"

void
moat_dbg_putc(int c)
{
    moat_sys1(SYS_DEBUG_PUTC, (unsigned char)c);
}

void
moat_dbg_puts(const char *s)
{
    while (*s)
        moat_dbg_putc(*s++);
}

void
moat_dbg_put32(seL4_Uint32 x)
{
    char buf[11];
    int i = 0;

    do {
        buf[i++] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    while (i > 0)
        moat_dbg_putc(buf[--i]);
}

void
moat_dbg_puthex(seL4_Word x)
{
    moat_dbg_puts("0x");
    for (int s = 60; s >= 0; s -= 4)
        moat_dbg_putc("0123456789abcdef"[(x >> s) & 0xf]);
}

// Microkit's debug output prints only with CONFIG_PRINTING (the debug
// configuration), as upstream's libmicrokit: in release these, and every
// message of this library made with them, print nothing.
void
microkit_dbg_putc(int c)
{
#ifdef CONFIG_PRINTING
    moat_dbg_putc(c);
#else
    (void)c;
#endif
}

void
microkit_dbg_puts(const char *s)
{
    while (*s)
        microkit_dbg_putc(*s++);
}

void
microkit_dbg_put32(seL4_Uint32 x)
{
#ifdef CONFIG_PRINTING
    moat_dbg_put32(x);
#else
    (void)x;
#endif
}

void
microkit_dbg_put8(seL4_Uint8 x)
{
    microkit_dbg_put32(x);
}

void
microkit_internal_bad_channel(const char *fn, unsigned ch)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(" ");
    microkit_dbg_puts(fn);
    microkit_dbg_puts(": invalid channel given '");
    microkit_dbg_put32(ch);
    microkit_dbg_puts("'\n");
}

// SYS_PD_CTL with Microkit's complaint when the kernel refuses it.
static void
pd_ctl(const char *fn, microkit_child pd, seL4_Word op, seL4_Word entry)
{
    long err = moat_pd_ctl(pd, op, entry);

    if (err == E_OK)
        return;
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(" ");
    microkit_dbg_puts(fn);
    microkit_dbg_puts(err == E_INVAL ? ": invalid entry point for child '"
                                     : ": invalid child given '");
    microkit_dbg_put32(pd);
    microkit_dbg_puts("'\n");
}

void
microkit_pd_restart(microkit_child pd, seL4_Word entry_point)
{
    pd_ctl("microkit_pd_restart", pd, PD_CTL_RESTART, entry_point);
}

void
microkit_pd_stop(microkit_child pd)
{
    pd_ctl("microkit_pd_stop", pd, PD_CTL_STOP, 0);
}

void
microkit_pd_resume(microkit_child pd)
{
    pd_ctl("microkit_pd_resume", pd, PD_CTL_RESUME, 0);
}

void __assert_fail(const char *str, const char *file, int line, const char *function);

__attribute__((weak)) void
__assert_fail(const char *str, const char *file, int line, const char *function)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts("|assert failed: ");
    microkit_dbg_puts(str);
    microkit_dbg_puts(" ");
    microkit_dbg_puts(file);
    microkit_dbg_puts(":");
    microkit_dbg_put32((seL4_Uint32)line);
    microkit_dbg_puts(" ");
    microkit_dbg_puts(function);
    microkit_dbg_puts("\n");
    microkit_internal_crash(0);
}

const char *
moat_strerror(long err)
{
    static const char *const names[] = E_NAMES;

    // Compare err itself, never -err: -LONG_MIN overflows.
    if (err > 0 || err <= -(long)(sizeof(names) / sizeof(names[0])))
        return "E_?";
    return names[-err];
}
