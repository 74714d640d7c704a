#include "check.h"

// Only microkit.h (through check.h, moat.h): as upstream's, it brings in
// sel4/sel4.h, which brings in the configuration.
#define STR_(x) #x
#define STR(x)  STR_(x)

static int
streq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

void
init(void)
{
#ifdef CONFIG_DEBUG_BUILD
    CHECK_EQ("CONFIG_DEBUG_BUILD 1", CONFIG_DEBUG_BUILD, 1);
#else
    moat_dbg_puts("ok CONFIG_DEBUG_BUILD undefined\n");
#endif
#ifdef CONFIG_PRINTING
    CHECK_EQ("CONFIG_PRINTING 1", CONFIG_PRINTING, 1);
#else
    moat_dbg_puts("ok CONFIG_PRINTING undefined\n");
#endif
#if defined(CONFIG_ENABLE_BENCHMARKS) && defined(CONFIG_BENCHMARK_TRACK_UTILISATION)
    CHECK_EQ("CONFIG_ENABLE_BENCHMARKS 1", CONFIG_ENABLE_BENCHMARKS, 1);
    CHECK_EQ("CONFIG_BENCHMARK_TRACK_UTILISATION 1", CONFIG_BENCHMARK_TRACK_UTILISATION, 1);
#elif defined(CONFIG_ENABLE_BENCHMARKS) || defined(CONFIG_BENCHMARK_TRACK_UTILISATION)
    moat_dbg_puts("FAIL only one of the benchmark macros\n");
    check_failures++;
#else
    moat_dbg_puts("ok no benchmark macros\n");
#endif
#if defined(CONFIG_ARCH_RISCV) && defined(CONFIG_ARCH_RISCV64) && defined(CONFIG_KERNEL_MCS) && \
    defined(CONFIG_WORD_SIZE) && defined(CONFIG_MAX_NUM_NODES) && defined(CONFIG_SEL4_ARCH)
    CHECK_EQ("CONFIG_ARCH_RISCV 1", CONFIG_ARCH_RISCV, 1);
    CHECK_EQ("CONFIG_ARCH_RISCV64 1", CONFIG_ARCH_RISCV64, 1);
    CHECK_EQ("CONFIG_KERNEL_MCS 1", CONFIG_KERNEL_MCS, 1);
    CHECK_EQ("CONFIG_WORD_SIZE 64", CONFIG_WORD_SIZE, 64);
#ifdef CONFIG_ENABLE_SMP_SUPPORT // smp-debug, smp-release: QEMU virt -smp 4
    CHECK_EQ("CONFIG_MAX_NUM_NODES as the configuration's cores", CONFIG_MAX_NUM_NODES, 4);
#else
    CHECK_EQ("CONFIG_MAX_NUM_NODES as the configuration's cores", CONFIG_MAX_NUM_NODES, 1);
#endif
    CHECK_EQ("CONFIG_SEL4_ARCH riscv64", streq(STR(CONFIG_SEL4_ARCH), "riscv64"), 1);
#else
    moat_dbg_puts("FAIL a CONFIG_* macro is missing\n");
    check_failures++;
#endif
#if CONFIG_WORD_SIZE != 64 || CONFIG_MAX_NUM_NODES < 1 || !CONFIG_KERNEL_MCS
    moat_dbg_puts("FAIL CONFIG_* in #if\n");
    check_failures++;
#else
    moat_dbg_puts("ok CONFIG_* in #if\n");
#endif

    // upstream main.c's pointer to the IPC buffer
    CHECK_EQ("__sel4_ipc_buffer", (seL4_Word)__sel4_ipc_buffer, 0x3fffffe000UL);
    CHECK_EQ("seL4_GetIPCBuffer", (seL4_Word)seL4_GetIPCBuffer(), (seL4_Word)__sel4_ipc_buffer);
    __sel4_ipc_buffer->msg[3] = 0x5e14;
    CHECK_EQ("msg through __sel4_ipc_buffer", seL4_GetMR(3), 0x5e14);

    const char *line = "ok seL4_DebugPutChar\n";
    while (*line)
        seL4_DebugPutChar(*line++);

    if (check_failures)
        check_done();
    moat_dbg_puts("pd: PASS\n");
#ifdef CONFIG_DEBUG_BUILD
    seL4_DebugHalt();
    moat_dbg_puts("FAIL seL4_DebugHalt returned\n");
#endif
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
