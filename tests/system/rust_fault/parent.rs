// The parent: vm's page fault is resumed once (it faults again), then vm is
// reset to its boot state (it starts and faults a third time) and left
// stopped; ill's illegal instruction is decoded, ill restarted from its
// entry, resumed where it stopped, then stopped.
#![no_std]
#![no_main]

use sel4_microkit::moat::{pd_reset, pd_restart, pd_resume, pd_stop, E_NOENT};
use sel4_microkit::{protection_domain, Child, Fault, Handler, Infallible, MessageInfo};

include!("../include/check.rs");

const VM: Child = Child::new(1);
const ILL: Child = Child::new(2);

#[protection_domain]
fn init() -> impl Handler {
    Parent { vm_faults: 0, ill_faults: 0 }
}

struct Parent {
    vm_faults: u32,
    ill_faults: u32,
}

impl Handler for Parent {
    type Error = Infallible;

    fn fault(&mut self, child: Child, msg_info: MessageInfo) -> Result<Option<MessageInfo>, Self::Error> {
        let mut reply = None;
        if child == VM {
            self.vm_faults += 1;
            check_eq!("vm fault label (seL4_Fault_VMFault)", msg_info.label(), 6);
            match msg_info.fault() {
                Fault::VmFault { addr, prefetch_fault, .. } => {
                    check_eq!("vm fault address", addr, 8);
                    check_eq!("vm fault is a data fault", prefetch_fault, false);
                }
                f => check_eq!("vm fault kind", f, Fault::VmFault { ip: 0, addr: 8, prefetch_fault: false, fsr: 0 }),
            }
            match self.vm_faults {
                1 => reply = Some(MessageInfo::new(0, 0)), // resume: it faults again
                2 => check_eq!("pd_reset", pd_reset(child), Ok(())),
                _ => {}
            }
        } else if child == ILL {
            self.ill_faults += 1;
            match msg_info.fault() {
                Fault::UserException { fault_ip, .. } => check_eq!("ill fault ip in text", fault_ip >= 0x20_0000, true),
                f => check_eq!("ill fault kind", f, Fault::UserException { fault_ip: 0, sp: 0, number: 0, code: 0 }),
            }
            match self.ill_faults {
                // From its entry point again (it faults again), ...
                1 => check_eq!("pd_restart", pd_restart(child, 0x20_0000), Ok(())),
                // ... from where it stopped (again), then stopped for good.
                2 => check_eq!("pd_resume", pd_resume(child), Ok(())),
                _ => check_eq!("pd_stop", pd_stop(child), Ok(())),
            }
        } else {
            check_eq!("fault from a known child", child.index(), 0);
        }
        if self.vm_faults == 3 && self.ill_faults == 3 {
            check_eq!("pd_stop of no child", pd_stop(Child::new(7)), Err(E_NOENT));
            check_done();
        }
        Ok(reply)
    }
}
