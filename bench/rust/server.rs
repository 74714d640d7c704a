// bench/ipc's mkserver in Rust: protected() answers the message it got.
#![no_std]
#![no_main]

use sel4_microkit::{protection_domain, Channel, Handler, Infallible, MessageInfo};

#[protection_domain]
fn init() -> impl Handler {
    Server
}

struct Server;

impl Handler for Server {
    type Error = Infallible;

    fn protected(&mut self, _channel: Channel, msg_info: MessageInfo) -> Result<MessageInfo, Self::Error> {
        Ok(msg_info)
    }
}
