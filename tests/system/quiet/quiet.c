#include <moat.h>

// What a release system prints: only its PDs' own output (moat_dbg_*, and
// anything else through SYS_DEBUG_PUTC). microkit_dbg_* and every message
// libmicrokit makes with them print in debug only, as upstream's; so do the
// kernel's boot lines and the report of a fault nobody handles (this PD's,
// at the end). Its one PD then stopped, the kernel halts by itself.
void
init(void)
{
    microkit_dbg_puts("quiet: microkit ");
    microkit_dbg_put32(32);
    microkit_dbg_putc(' ');
    microkit_dbg_put8(8);
    microkit_dbg_putc('\n');
    microkit_notify(9); // no such channel: libmicrokit complains
    moat_dbg_puts("quiet: moat ");
    moat_dbg_put32(4000000000u);
    moat_dbg_putc(' ');
    moat_dbg_puthex(0xff);
    moat_dbg_putc('\n');
    microkit_internal_crash(0);
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
