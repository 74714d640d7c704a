// Panics in init: Channel.
#![no_std]
#![no_main]
#![allow(unused_imports, unreachable_code)]

use sel4_microkit::{protection_domain, var, Channel, Handler, MessageInfo, NullHandler};

#[protection_domain]
fn init() -> impl Handler {
    Channel::new(*var!(big: usize = 62));
    NullHandler::new()
}
