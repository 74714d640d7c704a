// Panics in init: pp_call on a channel without pp.
#![no_std]
#![no_main]
#![allow(unused_imports, unreachable_code)]

use sel4_microkit::{protection_domain, var, Channel, Handler, MessageInfo, NullHandler};

#[protection_domain]
fn init() -> impl Handler {
    Channel::new(1).pp_call(MessageInfo::new(0, 0));
    NullHandler::new()
}
