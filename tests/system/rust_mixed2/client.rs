// examples/ipc's client in Rust, for examples/ipc's C server (protocol.h):
// once notified, it calls SUM with four numbers in MR 0..3 and UPPER with a
// string in seven registers, and checks both answers.
#![no_std]
#![no_main]

use sel4_microkit::{
    debug_println, get_mr, protection_domain, set_mr, with_msg_bytes, with_msg_bytes_mut,
    Channel, ChannelSet, Handler, Infallible, MessageInfo,
};

const SERVER: Channel = Channel::new(13);
const LABEL_SUM: u64 = 1;
const LABEL_UPPER: u64 = 2;
const TEXT: &[u8] = b"a string that needs more than four message registers\0";
const TEXT_WORDS: usize = (TEXT.len() + 7) / 8;

#[protection_domain]
fn init() -> impl Handler {
    debug_println!("client: initializing");
    Client
}

struct Client;

fn call_sum() -> bool {
    let (mut want, mut want_sq) = (0u64, 0u64);
    for i in 0..4 {
        let v = 1000 * (i as u64 + 1) + 7;
        set_mr(i, v);
        want += v;
        want_sq += v * v;
    }
    let reply = SERVER.pp_call(MessageInfo::new(LABEL_SUM, 4));
    reply.label() == LABEL_SUM && reply.count() == 2 && get_mr(0) == want && get_mr(1) == want_sq
}

fn call_upper() -> bool {
    with_msg_bytes_mut(|b| {
        b[..8 * TEXT_WORDS].fill(0);
        b[..TEXT.len()].copy_from_slice(TEXT);
    });
    let reply = SERVER.pp_call(MessageInfo::new(LABEL_UPPER, TEXT_WORDS));
    if reply.label() != LABEL_UPPER || reply.count() != TEXT_WORDS {
        return false;
    }
    with_msg_bytes(|b| {
        let got = &b[..TEXT.len() - 1];
        debug_println!("client: got \"{}\"", core::str::from_utf8(got).unwrap_or("?"));
        got.iter().zip(TEXT).all(|(g, t)| *g == t.to_ascii_uppercase())
    })
}

impl Handler for Client {
    type Error = Infallible;

    fn notified(&mut self, channels: ChannelSet) -> Result<(), Self::Error> {
        debug_println!("client: notified by {}", channels.iter().next().unwrap().index());
        if channels.contains(SERVER) && call_sum() && call_upper() {
            debug_println!("client: TEST_PASS");
        }
        Ok(())
    }
}
