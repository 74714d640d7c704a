// SPDX-License-Identifier: BSD-2-Clause
//
// A QEMU TCG plugin (7.2, plugin API v1) that counts the guest instructions
// each vCPU (hart) executes and prints the counts when QEMU exits:
// "vcpus: 0=N 1=N ...". Under -icount, rdinstret reads one count for all
// harts, so bench/run.sh measures per-hart figures with this: the
// difference between two runs that differ only in the number of rounds,
// over that difference, is each hart's cost of one round, boot and
// everything else cancelled. Each translation block is counted whole when
// it starts: exact for runs whose blocks end where execution leaves them
// (the difference cancels what is not).
//
// QEMU's plugin header is not in Debian's packages: the few declarations
// used are written here, as the plugin API v1 defines them.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
typedef struct qemu_info_t qemu_info_t;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
typedef void (*tb_trans_cb)(qemu_plugin_id_t, struct qemu_plugin_tb *);
typedef void (*vcpu_udata_cb)(unsigned int, void *);
typedef void (*udata_cb)(qemu_plugin_id_t, void *);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t, tb_trans_cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *, vcpu_udata_cb,
                                          enum qemu_plugin_cb_flags, void *);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t, udata_cb, void *);
void qemu_plugin_outs(const char *);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

#define MAX_VCPUS 8
static uint64_t count[MAX_VCPUS];

static void
exec(unsigned int vcpu, void *n)
{
    if (vcpu < MAX_VCPUS)
        count[vcpu] += (uintptr_t)n;
}

static void
trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    qemu_plugin_register_vcpu_tb_exec_cb(tb, exec, QEMU_PLUGIN_CB_NO_REGS,
                                         (void *)(uintptr_t)qemu_plugin_tb_n_insns(tb));
}

static void
at_exit(qemu_plugin_id_t id, void *p)
{
    char buf[256];
    int n = snprintf(buf, sizeof buf, "vcpus:");

    (void)id;
    (void)p;
    for (int i = 0; i < MAX_VCPUS && n < (int)sizeof buf - 24; i++)
        n += snprintf(buf + n, sizeof buf - (size_t)n, " %d=%llu", i, (unsigned long long)count[i]);
    snprintf(buf + n, sizeof buf - (size_t)n, "\n");
    qemu_plugin_outs(buf);
}

__attribute__((visibility("default"))) int
qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
    (void)info;
    (void)argc;
    (void)argv;
    qemu_plugin_register_vcpu_tb_trans_cb(id, trans);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
