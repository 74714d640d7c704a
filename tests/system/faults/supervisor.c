// Checks each child's fault message against seL4's layout and stops the child.
#include "check.h"

static int seen;

void
init(void)
{
}

void
notified(microkit_channel ch)
{
    (void)ch;
}

static void
show(const char *what, seL4_Word v)
{
    moat_dbg_puts(what);
    put_dec((long)v);
}

seL4_Bool
fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    seL4_Word label = microkit_msginfo_get_label(msginfo);
    seL4_Word ip = microkit_mr_get(0);
    int sp_ok = -1; // for a user exception: sp lies in the stack

    (void)reply;
    moat_dbg_puts("supervisor: child ");
    moat_dbg_put32(child);
    show(" label ", label);
    show(" count ", microkit_msginfo_get_count(msginfo));
    if (label == seL4_Fault_VMFault) {
        show(" prefetch ", microkit_mr_get(seL4_VMFault_PrefetchFault));
        show(" fsr ", microkit_mr_get(seL4_VMFault_FSR));
        moat_dbg_puts(" addr ");
        moat_dbg_puthex(microkit_mr_get(seL4_VMFault_Addr));
    } else {
        show(" number ", microkit_mr_get(seL4_UserException_Number));
        sp_ok = microkit_mr_get(seL4_UserException_SP) > 0x3ffff00000UL;
    }
    moat_dbg_puts("\n");
    if (sp_ok >= 0)
        CHECK_EQ("sp in the stack", sp_ok, 1);
    CHECK_EQ("ip in the program or at the jump target",
             (ip >= 0x200000 && ip < 0x210000) || ip == 0x1000, 1);
    microkit_pd_stop(child);
    if (++seen == 6)
        check_done();
    return seL4_False;
}
