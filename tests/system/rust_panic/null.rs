// NullHandler: its notified() default panics, naming the channels.
#![no_std]
#![no_main]

use sel4_microkit::{protection_domain, Handler, NullHandler};

#[protection_domain]
fn init() -> impl Handler {
    NullHandler::new()
}
