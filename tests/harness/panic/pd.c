#include "check.h"
// A console line that starts with "panic:" fails a run, whoever printed it.
void init(void) { moat_dbg_puts("panic: kernel/ipc.c:1: forged\ndone\n"); moat_dbg_halt(0); }
void notified(microkit_channel ch) { (void)ch; }
