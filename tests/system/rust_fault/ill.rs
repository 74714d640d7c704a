// An illegal instruction in init: a user exception for its parent.
#![no_std]
#![no_main]

use sel4_microkit::{protection_domain, Handler, NullHandler};

#[protection_domain]
fn init() -> impl Handler {
    unsafe { core::arch::asm!("unimp") };
    NullHandler::new()
}
