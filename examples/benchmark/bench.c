/* Times a protected procedure call round trip with the cycle counter, then
 * runs its child `load` and, in the benchmark configuration, prints the CPU
 * utilisation the kernel measured for load, itself and the idle thread. */
#include <stdint.h>
#include <microkit.h>
#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
#include <sel4/benchmark_utilisation_types.h>
#endif

#define SERVER  1
#define LOAD    2
#define LOAD_ID 1 /* load's id as bench's child */
#define ROUNDS  16

uintptr_t uart_base; /* set by the tool: QEMU virt's 16550 */

static void
put(char c)
{
    volatile uint8_t *uart = (volatile uint8_t *)uart_base;

    while (!(uart[5] & 0x20)) { /* LSR: transmit holding register empty */
    }
    uart[0] = (uint8_t)c;
}

static void
puts_(const char *s)
{
    while (*s)
        put(*s++);
}

static void
putdec(uint64_t v)
{
    char buf[21];
    int i = 20;

    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    puts_(&buf[i]);
}

static inline uint64_t
cycles(void)
{
    uint64_t v;

    __asm__ volatile("rdcycle %0" : "=r"(v));
    return v;
}

void
init(void)
{
    uint64_t best = UINT64_MAX;

    for (int i = 0; i < ROUNDS; i++) {
        uint64_t t0 = cycles();
        microkit_ppcall(SERVER, microkit_msginfo_new(0, 0));
        uint64_t t = cycles() - t0;
        if (t < best)
            best = t;
    }
    puts_("bench: ppcall round trip ");
    putdec(best);
    puts_(" cycles (best of 16)\n");
#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
    seL4_BenchmarkResetThreadUtilisation(TCB_CAP);
    seL4_BenchmarkResetThreadUtilisation(BASE_TCB_CAP + LOAD_ID);
    seL4_BenchmarkResetLog();
#else
    puts_("bench: no utilisation figures in this configuration (benchmark has them)\n");
#endif
    microkit_notify(LOAD);
}

#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
static void
share(const char *who, uint64_t used, uint64_t total)
{
    puts_("bench: ");
    puts_(who);
    puts_(" ");
    putdec((used * 1000 + total / 2) / total);
    puts_(" per mille\n");
}
#endif

void
notified(microkit_channel ch)
{
    if (ch != LOAD)
        return;
#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
    uint64_t *ipc = (uint64_t *)&seL4_GetIPCBuffer()->msg[0];

    seL4_BenchmarkFinalizeLog();
    seL4_BenchmarkGetThreadUtilisation(BASE_TCB_CAP + LOAD_ID);
    uint64_t load = ipc[BENCHMARK_TCB_UTILISATION], runs = ipc[BENCHMARK_TCB_NUMBER_SCHEDULES];
    uint64_t idle = ipc[BENCHMARK_IDLE_LOCALCPU_UTILISATION];
    uint64_t total = ipc[BENCHMARK_TOTAL_UTILISATION];
    seL4_BenchmarkGetThreadUtilisation(TCB_CAP);
    uint64_t self = ipc[BENCHMARK_TCB_UTILISATION];
    puts_("bench: load's work took ");
    putdec(total);
    puts_(" cycles; load was scheduled ");
    putdec(runs);
    puts_(" times\n");
    share("load", load, total);
    share("idle", idle, total);
    share("bench", self, total);
#endif
    puts_("bench: done\n");
}
