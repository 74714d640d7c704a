// A call to the server on core 1, three notifications to pong on core 1
// and back, then the trace dumped on demand.
#include "check.h"

#if defined(CONFIG_DEBUG_BUILD) || defined(CONFIG_ENABLE_BENCHMARKS)
#define DUMP_WANT E_OK // debug and benchmark kernels keep the trace
#else
#define DUMP_WANT E_NOSYS
#endif

static unsigned answers;

void
init(void)
{
    microkit_mr_set(0, 41);
    microkit_ppcall(2, microkit_msginfo_new(7, 1));
    CHECK_EQ("the server on core 1 answered", microkit_mr_get(0), 42);
    microkit_notify(1);
}

void
notified(microkit_channel ch)
{
    CHECK_EQ("pong answered", ch, 1);
    if (++answers < 3) {
        microkit_notify(1);
    } else {
        CHECK_EQ("trace dump", moat_trace_dump(), DUMP_WANT);
        check_done();
    }
}
