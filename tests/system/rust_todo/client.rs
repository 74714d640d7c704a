// The tutorial's client taken one step on: it calls the tutorial's server
// (../../../examples/rust_ipc/server.rs), whose protected() is todo!(). The
// server panics and stops; the call returns moat's error reply.
#![no_std]
#![no_main]

use sel4_microkit::moat::strerror;
use sel4_microkit::{
    debug_println, get_mr, moat_println, protection_domain, Channel, ChannelSet, Handler,
    Infallible, MessageInfo, PPC_ERROR_LABEL,
};

const SERVER: Channel = Channel::new(13);

#[protection_domain]
fn init() -> impl Handler {
    HandlerImpl
}

struct HandlerImpl;

impl Handler for HandlerImpl {
    type Error = Infallible;

    fn notified(&mut self, channels: ChannelSet) -> Result<(), Self::Error> {
        debug_println!("client: notified by {}", channels.display());
        let reply = SERVER.pp_call(MessageInfo::new(0, 0));
        if reply.label() == PPC_ERROR_LABEL {
            moat_println!("client: the call failed: {}", strerror(get_mr(0) as i64));
        }
        // The server is stopped: a second call fails at once.
        let reply = SERVER.pp_call(MessageInfo::new(0, 0));
        moat_println!("client: again: {:?}, {}", reply, strerror(get_mr(0) as i64));
        Ok(())
    }
}
