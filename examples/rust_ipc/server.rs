// The Microkit Rust tutorial's IPC server (its chapter "IPC", before
// exercise 10.A): the tutorial's code below the `use` line, unchanged. Its
// protected() is todo!(): see README.md for what a call to it does.
#![no_std]
#![no_main]

use sel4_microkit::{debug_println, protection_domain, Channel, Handler, Infallible, MessageInfo};

const CLIENT: Channel = Channel::new(37);

#[protection_domain]
fn init() -> impl Handler {
    debug_println!("server: initializing");
    debug_println!("server: notifying client");
    CLIENT.notify();
    HandlerImpl
}

struct HandlerImpl;

impl Handler for HandlerImpl {
    type Error = Infallible;

    fn protected(
        &mut self,
        channel: Channel,
        msg_info: MessageInfo,
    ) -> Result<MessageInfo, Self::Error> {
        debug_println!("server: called by {:?}", channel);
        todo!()
    }
}
