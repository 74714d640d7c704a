// Panics in init: an explicit panic.
#![no_std]
#![no_main]
#![allow(unused_imports, unreachable_code)]

use sel4_microkit::{protection_domain, var, Channel, Handler, MessageInfo, NullHandler};

#[protection_domain]
fn init() -> impl Handler {
    panic!("boom {}", 7);
    NullHandler::new()
}
