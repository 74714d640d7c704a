// Three calls to the server (whose last wakes the lower-priority pinger),
// the trace dumped on demand; the pinger's notification ends the run (and
// the halt dumps the trace again).
#include "check.h"

#if defined(CONFIG_DEBUG_BUILD) || defined(CONFIG_ENABLE_BENCHMARKS)
#define DUMP_WANT E_OK // debug and benchmark kernels keep the trace
#else
#define DUMP_WANT E_NOSYS
#endif

void
init(void)
{
    seL4_Word sum = 0;

    for (unsigned i = 0; i < 3; i++) {
        microkit_mr_set(0, i);
        microkit_ppcall(1, microkit_msginfo_new(0x10 + i, 1));
        sum += microkit_mr_get(0);
    }
    CHECK_EQ("calls answered", sum, 2 * (0 + 1 + 2) + 3);
    CHECK_EQ("trace dump", moat_trace_dump(), DUMP_WANT);
}

void
notified(microkit_channel ch)
{
    CHECK_EQ("pinger answered", ch, 3);
    check_done();
}
