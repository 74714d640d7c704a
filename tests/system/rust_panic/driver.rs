// Runs last (lowest priority): the PDs that panicked in init are stopped;
// it makes null, err and noproto fail, and goes on to the end.
#![no_std]
#![no_main]

use sel4_microkit::moat::{strerror, E_DEAD};
use sel4_microkit::{get_mr, protection_domain, Channel, Handler, MessageInfo, NullHandler, PPC_ERROR_LABEL};

include!("../include/check.rs");

#[protection_domain]
fn init() -> impl Handler {
    Channel::new(1).notify(); // null panics
    Channel::new(2).notify(); // err ends
    let r = Channel::new(3).pp_call(MessageInfo::new(9, 0)); // noproto panics
    check_eq!("call to a PD that panicked", (r.label(), get_mr(0) as i64), (PPC_ERROR_LABEL, E_DEAD));
    sel4_microkit::moat_println!("driver: the call returned {}", strerror(get_mr(0) as i64));
    // A stopped PD's channel still takes notifications (they wait for it).
    Channel::new(11).notify();
    check_done();
    NullHandler::new()
}
