// The Microkit Rust tutorial's IPC client with exercise 10.A solved: once
// notified, it calls the server twice with pp_call, first with two numbers
// in message registers (with_msg_regs_mut), then (the optional exercise)
// with a struct sent as bytes (with_msg_bytes_mut).
#![no_std]
#![no_main]

use sel4_microkit::{
    debug_println, protection_domain, with_msg_bytes, with_msg_bytes_mut, with_msg_regs,
    with_msg_regs_mut, Channel, ChannelSet, Handler, Infallible, MessageInfo,
};

const SERVER: Channel = Channel::new(13);

// Labels of the two calls; the server answers the same label.
const ADD: u64 = 1;
const RECORD: u64 = 2;

// The struct of the optional exercise, as both ends lay it out.
#[repr(C)]
#[derive(Clone, Copy)]
struct Point {
    x: i32,
    y: i32,
    tag: [u8; 8],
}

const POINT_BYTES: usize = core::mem::size_of::<Point>();
const POINT_WORDS: usize = (POINT_BYTES + 7) / 8;

#[protection_domain]
fn init() -> impl Handler {
    debug_println!("client: initializing");
    HandlerImpl
}

struct HandlerImpl;

impl Handler for HandlerImpl {
    type Error = Infallible;

    fn notified(&mut self, channels: ChannelSet) -> Result<(), Self::Error> {
        debug_println!("client: notified by {}", channels.display());
        if !channels.contains(SERVER) {
            return Ok(());
        }
        // Exercise 10.A: data in message registers.
        with_msg_regs_mut(|mrs| {
            mrs[0] = 40;
            mrs[1] = 2;
        });
        let reply = SERVER.pp_call(MessageInfo::new(ADD, 2));
        let sum = with_msg_regs(|mrs| mrs[0]);
        debug_println!("client: 40 + 2 = {} (reply {:?})", sum, reply);

        // The optional exercise: a struct as bytes.
        let p = Point { x: 3, y: -4, tag: *b"origin\0\0" };
        with_msg_bytes_mut(|bytes| {
            let src = unsafe { core::slice::from_raw_parts(&p as *const Point as *const u8, POINT_BYTES) };
            bytes[..POINT_BYTES].copy_from_slice(src);
        });
        let reply = SERVER.pp_call(MessageInfo::new(RECORD, POINT_WORDS));
        let moved = with_msg_bytes(|bytes| unsafe { (bytes.as_ptr() as *const Point).read_unaligned() });
        debug_println!(
            "client: server moved {} from ({}, {}) to ({}, {}) (label {})",
            core::str::from_utf8(&moved.tag).unwrap_or("?").trim_end_matches('\0'),
            p.x, p.y, moved.x, moved.y, reply.label()
        );
        if sum == 42 && reply.label() == RECORD && moved.x == 4 && moved.y == -3 {
            debug_println!("client: TEST_PASS");
        }
        Ok(())
    }
}
