// SPDX-License-Identifier: BSD-2-Clause
//
// seL4 Microkit's PD API (microkit.h, Microkit 2.x), on the moat kernel.
// Names, types, signatures and printed messages follow Microkit so that
// Microkit programs build unchanged. docs/lib.md describes each function.
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include <sel4/sel4.h>

#include "moat/syscall.h"

typedef unsigned int microkit_channel;
typedef unsigned int microkit_child;
typedef unsigned int microkit_ioport;
typedef seL4_MessageInfo_t microkit_msginfo;

// Capability slots of Microkit's ABI, with upstream's values. On moat
// BASE_OUTPUT_NOTIFICATION_CAP + ch names channel ch (seL4_Signal) and
// BASE_TCB_CAP + id child id's thread (seL4_TCB_Suspend/Resume); the rest
// name nothing and are kept so that programs naming them compile.
#define MONITOR_EP                  5
#define TCB_CAP                     6
#define ARM_SMC_CAP                 7
#define BASE_OUTPUT_NOTIFICATION_CAP 10
#define BASE_ENDPOINT_CAP           74
#define BASE_IRQ_CAP                138
#define BASE_TCB_CAP                202
#define BASE_VM_TCB_CAP             266
#define BASE_VCPU_CAP               330
#define BASE_IOPORT_CAP             394
#define BASE_USER_CAPS              458
#define PD_ROOT_CAP_BITS            6
#define PD_ROOT_CAP_SIZE            64

#define MICROKIT_MAX_USER_CAPS  128
#define MICROKIT_MAX_CHANNELS   MOAT_MAX_CHANNELS
#define MICROKIT_MAX_CHANNEL_ID (MOAT_MAX_CHANNELS - 1)
#define MICROKIT_MAX_IOPORT_ID  MICROKIT_MAX_CHANNELS
#define MICROKIT_PD_NAME_LENGTH MOAT_NAME_LEN

// Entry points the program provides. protected and fault have weak defaults
// that report the missing entry point and stop the PD.
void init(void);
void notified(microkit_channel ch);
microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo);
seL4_Bool fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo);

// Patched into the ELF by the tool.
extern char microkit_name[MICROKIT_PD_NAME_LENGTH];
extern seL4_Word microkit_irqs;
extern seL4_Word microkit_notifications;
extern seL4_Word microkit_pps;
extern seL4_Word microkit_ioports;

// The one deferred action (notify or IRQ ack) of the running entry point.
extern seL4_Bool microkit_have_signal;
extern seL4_CPtr microkit_signal_cap;
extern microkit_msginfo microkit_signal_msg;

// Debug console: as upstream's, these print only with CONFIG_PRINTING (the
// debug configuration) and nothing in release. moat.h's moat_dbg_* print in
// every configuration.
void microkit_dbg_putc(int c);
void microkit_dbg_puts(const char *s);
void microkit_dbg_put8(seL4_Uint8 x);
void microkit_dbg_put32(seL4_Uint32 x);

// Print "<name> microkit_<fn>: invalid channel given '<ch>'" (Microkit's words).
void microkit_internal_bad_channel(const char *fn, unsigned ch);

// Crash the PD on purpose: a store to address `err`, reported as a fault.
static inline void
microkit_internal_crash(seL4_Error err)
{
    *(volatile seL4_Word *)(seL4_Word)err = 0;
}

static inline bool
microkit_internal_chan_ok(seL4_Word mask, microkit_channel ch)
{
    return ch <= MICROKIT_MAX_CHANNEL_ID && (mask & (1ULL << ch));
}

// Signal the PD at the other end of channel ch. Never blocks; if the peer has
// higher priority and waits, it runs at once.
static inline void
microkit_notify(microkit_channel ch)
{
    if (!microkit_internal_chan_ok(microkit_notifications, ch)) {
        microkit_internal_bad_channel("microkit_notify", ch);
        return;
    }
    moat_sys1(SYS_NOTIFY, ch);
}

// Acknowledge the interrupt on ch so that it can be delivered again.
static inline void
microkit_irq_ack(microkit_channel ch)
{
    if (!microkit_internal_chan_ok(microkit_irqs, ch)) {
        microkit_internal_bad_channel("microkit_irq_ack", ch);
        return;
    }
    moat_sys1(SYS_IRQ_ACK, ch);
}

// Label of the reply microkit_ppcall returns when the call could not be made
// or answered (the callee is stopped, or the kernel refused the call); mr 0
// then holds the kernel's error code. A moat addition.
#define MOAT_PPC_ERROR_LABEL 0xfffffffffffffULL

// Call the higher-priority PD at the other end of ch with the message in
// msginfo and message registers 0..count-1; returns its reply.
static inline microkit_msginfo
microkit_ppcall(microkit_channel ch, microkit_msginfo msginfo)
{
    if (!microkit_internal_chan_ok(microkit_pps, ch)) {
        microkit_internal_bad_channel("microkit_ppcall", ch);
        return seL4_MessageInfo_new(0, 0, 0, 0);
    }
    seL4_Word *mr = seL4_GetIPCBuffer()->msg;
    long err = moat_sys_call(ch, &msginfo.words[0], mr);
    if (err) {
        mr[0] = (seL4_Word)err;
        return seL4_MessageInfo_new(MOAT_PPC_ERROR_LABEL, 0, 0, 1);
    }
    return msginfo;
}

static inline microkit_msginfo
microkit_msginfo_new(seL4_Word label, seL4_Uint16 count)
{
    return seL4_MessageInfo_new(label, 0, 0, count);
}

static inline seL4_Word
microkit_msginfo_get_label(microkit_msginfo msginfo)
{
    return seL4_MessageInfo_get_label(msginfo);
}

static inline seL4_Word
microkit_msginfo_get_count(microkit_msginfo msginfo)
{
    return seL4_MessageInfo_get_length(msginfo);
}

static inline void
microkit_mr_set(seL4_Uint8 mr, seL4_Word value)
{
    seL4_SetMR(mr, value);
}

static inline seL4_Word
microkit_mr_get(seL4_Uint8 mr)
{
    return seL4_GetMR(mr);
}

// Notify ch when the current entry point returns, in the same system call
// as the next wait. One deferred action per entry point: a second replaces it.
static inline void
microkit_deferred_notify(microkit_channel ch)
{
    if (!microkit_internal_chan_ok(microkit_notifications, ch)) {
        microkit_internal_bad_channel("microkit_deferred_notify", ch);
        return;
    }
    microkit_have_signal = seL4_True;
    microkit_signal_cap = ACTION_NOTIFY | ch;
    microkit_signal_msg = seL4_MessageInfo_new(0, 0, 0, 0);
}

static inline void
microkit_deferred_irq_ack(microkit_channel ch)
{
    if (!microkit_internal_chan_ok(microkit_irqs, ch)) {
        microkit_internal_bad_channel("microkit_deferred_irq_ack", ch);
        return;
    }
    microkit_have_signal = seL4_True;
    microkit_signal_cap = ACTION_IRQ_ACK | ch;
    microkit_signal_msg = seL4_MessageInfo_new(0, 0, 0, 0);
}

// Child PDs. Restart: cancel what the child is doing and run it from
// entry_point (only the pc is set: memory and sp stay as they are). Stop:
// cancel and stop it. Resume: run a stopped or faulted child from where it
// stopped. An id that is not a child of this PD prints Microkit's message.
void microkit_pd_restart(microkit_child pd, seL4_Word entry_point);
void microkit_pd_stop(microkit_child pd);
void microkit_pd_resume(microkit_child pd);

// The cptr of root slot `slot` of the PD's <cspace> (1..63), as upstream
// computes it: what seL4_TCB_Suspend and seL4_TCB_Resume take. Slot 0 and
// slots beyond the root CNode give seL4_CapNull. Upstream's examples have
// used both names.
static inline seL4_CPtr
microkit_cspace_root_slot_to_cptr(seL4_Word slot)
{
    if (slot == 0 || slot >= PD_ROOT_CAP_SIZE)
        return seL4_CapNull;
    return slot << (seL4_WordBits - PD_ROOT_CAP_BITS);
}

static inline seL4_CPtr
microkit_cspace_slot_to_cptr(seL4_Word slot)
{
    return microkit_cspace_root_slot_to_cptr(slot);
}
// Upstream's ARM- and x86-only calls, with upstream's prototypes. moat has
// no virtual machines, SMC or I/O ports, so a call to one is a compile error
// that says so (GCC's error attribute), not an implicit declaration. They
// are never defined. The two seL4 types they take are left incomplete: only
// pointers to them can be declared.
typedef struct seL4_ARM_SMCContext_ seL4_ARM_SMCContext;
typedef struct seL4_VCPUContext_ seL4_VCPUContext;

#define MICROKIT_INTERNAL_REFUSED(fn, what) \
    __attribute__((error(#fn ": " what " not available on moat (RISC-V)")))
#define MICROKIT_INTERNAL_ARM_VM(fn)  MICROKIT_INTERNAL_REFUSED(fn, "ARM virtualisation is")
#define MICROKIT_INTERNAL_X86_IO(fn)  MICROKIT_INTERNAL_REFUSED(fn, "x86 I/O ports are")
#define MICROKIT_INTERNAL_X86_VM(fn)  MICROKIT_INTERNAL_REFUSED(fn, "x86 virtualisation (VT-x) is")

void microkit_vcpu_restart(microkit_child vcpu, seL4_Word entry_point)
    MICROKIT_INTERNAL_ARM_VM(microkit_vcpu_restart);
void microkit_vcpu_stop(microkit_child vcpu)
    MICROKIT_INTERNAL_ARM_VM(microkit_vcpu_stop);
void microkit_vcpu_arm_inject_irq(microkit_child vcpu, seL4_Uint16 irq, seL4_Uint8 priority,
                                  seL4_Uint8 group, seL4_Uint8 index)
    MICROKIT_INTERNAL_ARM_VM(microkit_vcpu_arm_inject_irq);
void microkit_vcpu_arm_ack_vppi(microkit_child vcpu, seL4_Word irq)
    MICROKIT_INTERNAL_ARM_VM(microkit_vcpu_arm_ack_vppi);
seL4_Word microkit_vcpu_arm_read_reg(microkit_child vcpu, seL4_Word reg)
    MICROKIT_INTERNAL_ARM_VM(microkit_vcpu_arm_read_reg);
void microkit_vcpu_arm_write_reg(microkit_child vcpu, seL4_Word reg, seL4_Word value)
    MICROKIT_INTERNAL_ARM_VM(microkit_vcpu_arm_write_reg);
void microkit_arm_smc_call(seL4_ARM_SMCContext *args, seL4_ARM_SMCContext *response)
    MICROKIT_INTERNAL_REFUSED(microkit_arm_smc_call, "ARM SMC calls are");

void microkit_x86_ioport_write_8(microkit_ioport ioport_id, seL4_Word port_addr, seL4_Word data)
    MICROKIT_INTERNAL_X86_IO(microkit_x86_ioport_write_8);
void microkit_x86_ioport_write_16(microkit_ioport ioport_id, seL4_Word port_addr, seL4_Word data)
    MICROKIT_INTERNAL_X86_IO(microkit_x86_ioport_write_16);
void microkit_x86_ioport_write_32(microkit_ioport ioport_id, seL4_Word port_addr, seL4_Word data)
    MICROKIT_INTERNAL_X86_IO(microkit_x86_ioport_write_32);
seL4_Uint8 microkit_x86_ioport_read_8(microkit_ioport ioport_id, seL4_Word port_addr)
    MICROKIT_INTERNAL_X86_IO(microkit_x86_ioport_read_8);
seL4_Uint16 microkit_x86_ioport_read_16(microkit_ioport ioport_id, seL4_Word port_addr)
    MICROKIT_INTERNAL_X86_IO(microkit_x86_ioport_read_16);
seL4_Uint32 microkit_x86_ioport_read_32(microkit_ioport ioport_id, seL4_Word port_addr)
    MICROKIT_INTERNAL_X86_IO(microkit_x86_ioport_read_32);

seL4_Word microkit_vcpu_x86_read_vmcs(microkit_child vcpu, seL4_Word field)
    MICROKIT_INTERNAL_X86_VM(microkit_vcpu_x86_read_vmcs);
void microkit_vcpu_x86_write_vmcs(microkit_child vcpu, seL4_Word field, seL4_Word value)
    MICROKIT_INTERNAL_X86_VM(microkit_vcpu_x86_write_vmcs);
seL4_Word microkit_vcpu_x86_read_msr(microkit_child vcpu, seL4_Word field)
    MICROKIT_INTERNAL_X86_VM(microkit_vcpu_x86_read_msr);
void microkit_vcpu_x86_write_msr(microkit_child vcpu, seL4_Word field, seL4_Word value)
    MICROKIT_INTERNAL_X86_VM(microkit_vcpu_x86_write_msr);
void microkit_vcpu_x86_enable_ioport(microkit_child vcpu, microkit_ioport ioport_id, seL4_Word port_addr,
                                     seL4_Word length)
    MICROKIT_INTERNAL_X86_VM(microkit_vcpu_x86_enable_ioport);
void microkit_vcpu_x86_disable_ioport(microkit_child vcpu, seL4_Word port_addr, seL4_Word length)
    MICROKIT_INTERNAL_X86_VM(microkit_vcpu_x86_disable_ioport);
void microkit_vcpu_x86_write_regs(microkit_child vcpu, seL4_VCPUContext *regs)
    MICROKIT_INTERNAL_X86_VM(microkit_vcpu_x86_write_regs);

_Static_assert(seL4_WordBits - PD_ROOT_CAP_BITS == CAP_ROOT_SHIFT, "moat/abi.h");
_Static_assert(BASE_TCB_CAP == CAP_MK_TCB, "moat/abi.h");
