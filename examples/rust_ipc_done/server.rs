// The Microkit Rust tutorial's IPC server with exercise 10.A solved: its
// protected() answers the client's two calls (see client.rs).
#![no_std]
#![no_main]

use sel4_microkit::{
    debug_println, protection_domain, with_msg_bytes_mut, with_msg_regs, with_msg_regs_mut,
    Channel, Handler, Infallible, MessageInfo,
};

const CLIENT: Channel = Channel::new(37);

const ADD: u64 = 1;
const RECORD: u64 = 2;

#[repr(C)]
#[derive(Clone, Copy)]
struct Point {
    x: i32,
    y: i32,
    tag: [u8; 8],
}

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
        debug_println!("server: called by {:?} with {:?}", channel, msg_info);
        match msg_info.label() {
            ADD => {
                let sum = with_msg_regs(|mrs| mrs[0] + mrs[1]);
                with_msg_regs_mut(|mrs| mrs[0] = sum);
                Ok(MessageInfo::new(ADD, 1))
            }
            RECORD => {
                // Move the point one step right and one up, in place.
                with_msg_bytes_mut(|bytes| {
                    let p = bytes.as_mut_ptr() as *mut Point;
                    let mut q = unsafe { p.read_unaligned() };
                    q.x += 1;
                    q.y += 1;
                    unsafe { p.write_unaligned(q) };
                });
                Ok(MessageInfo::new(RECORD, msg_info.count()))
            }
            _ => Ok(MessageInfo::new(0, 0)),
        }
    }
}
