// A handler without protected(): the default panics, naming the call.
#![no_std]
#![no_main]

use sel4_microkit::{protection_domain, Handler, Infallible};

#[protection_domain]
fn init() -> impl Handler {
    NoProtected
}

struct NoProtected;

impl Handler for NoProtected {
    type Error = Infallible;
}
