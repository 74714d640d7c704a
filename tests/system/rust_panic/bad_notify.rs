// Panics in init: notify on a channel it lacks.
#![no_std]
#![no_main]
#![allow(unused_imports, unreachable_code)]

use sel4_microkit::{protection_domain, var, Channel, Handler, MessageInfo, NullHandler};

#[protection_domain]
fn init() -> impl Handler {
    Channel::new(5).notify();
    NullHandler::new()
}
