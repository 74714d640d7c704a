#include "check.h"
// Prints both lines expect.txt wants, in the other order.
void init(void) { moat_dbg_puts("first\nsecond\n"); moat_dbg_halt(0); }
void notified(microkit_channel ch) { (void)ch; }
