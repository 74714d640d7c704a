#include "check.h"
// Ends with exit status 0 where exit.txt wants 3.
void init(void) { moat_dbg_puts("done\n"); moat_dbg_halt(0); }
void notified(microkit_channel ch) { (void)ch; }
