// examples/ipc's server in Rust, for examples/ipc's C client (protocol.h):
// SUM answers the sum and sum of squares of MR 0..n-1, UPPER the string
// packed in MR 0..n-1 in upper case (n > 4: through the IPC buffer).
#![no_std]
#![no_main]

use sel4_microkit::{
    debug_println, get_mr, protection_domain, set_mr, with_msg_bytes_mut, Channel, Handler,
    Infallible, MessageInfo,
};

const CLIENT: Channel = Channel::new(37);
const LABEL_SUM: u64 = 1;
const LABEL_UPPER: u64 = 2;
const LABEL_ERROR: u64 = 0xee;

#[protection_domain]
fn init() -> impl Handler {
    debug_println!("server: initializing");
    debug_println!("server: notifying client");
    CLIENT.notify();
    Server
}

struct Server;

impl Handler for Server {
    type Error = Infallible;

    fn protected(&mut self, channel: Channel, msg_info: MessageInfo) -> Result<MessageInfo, Self::Error> {
        debug_println!("server: called by {}", channel.index());
        let n = msg_info.count();
        Ok(match msg_info.label() {
            LABEL_SUM => {
                let (mut s, mut sq) = (0u64, 0u64);
                for i in 0..n {
                    let v = get_mr(i);
                    s += v;
                    sq += v * v;
                }
                set_mr(0, s);
                set_mr(1, sq);
                MessageInfo::new(LABEL_SUM, 2)
            }
            LABEL_UPPER => {
                with_msg_bytes_mut(|b| b[..8 * n].make_ascii_uppercase());
                MessageInfo::new(LABEL_UPPER, n)
            }
            _ => MessageInfo::new(LABEL_ERROR, 0),
        })
    }
}
