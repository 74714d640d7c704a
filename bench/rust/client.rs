// bench/ipc's microkit_ppcall_roundtrip_0mr in Rust: the smallest of 16
// round trips, less the cost of reading the counter (bench/ipc/client.c).
#![no_std]
#![no_main]

use sel4_microkit::{moat_println, protection_domain, Channel, Handler, MessageInfo, NullHandler};

const SERVER: Channel = Channel::new(2);
const SAMPLES: usize = 16;

#[inline(always)]
fn instret() -> u64 {
    let v: u64;
    unsafe { core::arch::asm!("rdinstret {}", out(reg) v, options(nomem, nostack)) };
    v
}

#[protection_domain]
fn init() -> impl Handler {
    let (mut overhead, mut rt) = (u64::MAX, u64::MAX);
    for _ in 0..SAMPLES {
        let t0 = instret();
        let t1 = instret();
        overhead = overhead.min(t1 - t0);
    }
    for _ in 0..SAMPLES {
        let t0 = instret();
        SERVER.pp_call(MessageInfo::new(0, 0));
        let t1 = instret();
        rt = rt.min(t1 - t0 - overhead);
    }
    moat_println!("rust_pp_call_roundtrip_0mr {} instructions", rt);
    NullHandler::new()
}
