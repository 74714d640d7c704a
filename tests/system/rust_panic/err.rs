// A handler whose notified() returns an error: the PD ends with it.
#![no_std]
#![no_main]

use sel4_microkit::{protection_domain, ChannelSet, Handler};

#[protection_domain]
fn init() -> impl Handler {
    Failing
}

struct Failing;

impl Handler for Failing {
    type Error = &'static str;

    fn notified(&mut self, _channels: ChannelSet) -> Result<(), Self::Error> {
        Err("out of tea")
    }
}
