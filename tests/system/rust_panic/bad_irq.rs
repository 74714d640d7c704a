// Panics in init: irq_ack on a channel that is no interrupt.
#![no_std]
#![no_main]
#![allow(unused_imports, unreachable_code)]

use sel4_microkit::{protection_domain, var, Channel, Handler, MessageInfo, NullHandler};

#[protection_domain]
fn init() -> impl Handler {
    let _ = Channel::new(1).irq_ack();
    NullHandler::new()
}
