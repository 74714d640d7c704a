// The sel4_microkit crate's API, item by item (docs/rust.md): MessageInfo,
// Channel, ChannelSet, message registers and bytes, pp_call (to a passive
// Rust server), notify and irq_ack, deferred actions (the server's),
// pd_name and pd_is_passive, var! and memory_region_symbol! (setvars),
// #[protection_domain]'s heap_size and stack_size, debug_println!.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::{boxed::Box, format, string::String, vec::Vec};
use sel4_microkit::{
    debug_print, debug_println, get_mr, memory_region_symbol, pd_is_passive, pd_name,
    protection_domain, set_mr, var, with_msg_bytes, with_msg_regs, with_msg_regs_mut, Channel,
    ChannelSet, Child, DeferredAction, DeferredActionInterface, DeferredActionSlot, Handler,
    Infallible, MessageInfo,
};

include!("../include/check.rs");

const SERVER: Channel = Channel::new(1);
const PEER: Channel = Channel::new(2);
const PEER2: Channel = Channel::new(3);
const UART: Channel = Channel::new(4);
const STACK: usize = 0x8000;

fn sp() -> usize {
    let sp: usize;
    unsafe { core::arch::asm!("mv {}, sp", out(reg) sp) };
    sp
}

// Uses n bytes of stack: on a stack smaller than that, a fault.
#[inline(never)]
fn touch_stack(n: usize) -> u8 {
    let buf = [0u8; 0x7000];
    unsafe { core::ptr::read_volatile(&buf[n.min(buf.len()) - 1]) }
}

#[protection_domain(heap_size = 0x10000, stack_size = STACK)]
fn init() -> impl Handler {
    debug_print!("client: ");
    debug_println!("debug_println! prints in {}", "debug");

    // MessageInfo
    let m = MessageInfo::new(5, 3);
    check_eq!("msginfo label", m.label(), 5);
    check_eq!("msginfo count", m.count(), 3);
    check_eq!("msginfo label_width", MessageInfo::label_width(), 52);
    check_eq!("msginfo big label", MessageInfo::new((1 << 52) - 1, 120).label(), (1 << 52) - 1);
    let d = MessageInfo::default();
    check_eq!("msginfo default", (d.label(), d.count()), (0, 0));
    let f = fmt!("{:?}", m.clone());
    check_eq!("msginfo debug", f.as_str(), "MessageInfo { label: 5, count: 3 }");

    // Channel, Child
    check_eq!("channel index", Channel::new(37).index(), 37);
    let f = fmt!("{:?}", Channel::new(37));
    check_eq!("channel debug", f.as_str(), "Channel { index: 37 }");
    check_eq!("child index", Child::new(9).index(), 9);
    let f = fmt!("{:?}", Child::new(9));
    check_eq!("child debug", f.as_str(), "Child { index: 9 }");

    // The PD's own symbols and setvars
    check_eq!("pd_name", pd_name(), Ok("client"));
    check_eq!("pd_name_bytes", sel4_microkit::pd_name_bytes(), b"client");
    check_eq!("pd_is_passive", pd_is_passive(), false);
    check_eq!("setvar_id end", *var!(server_ch: u64 = 99), 1);
    check_eq!("setvar_id irq", *var!(uart_irq: u64 = 99), 4);
    check_eq!("setvar_size", *var!(shared_size: usize = 0), 0x2000);
    let shared = memory_region_symbol!(shared_vaddr: *mut [u64], n = 0x400, bytes = 0x2000);
    check_eq!("memory_region_symbol", (shared.as_ptr() as *mut u64 as usize, shared.len()), (0x300_0000, 0x400));
    unsafe { (*shared.as_ptr())[0x3ff] = 0xfeed };
    let uart = memory_region_symbol!(uart_base: *mut u8);
    check_eq!("memory_region_symbol T", uart.as_ptr() as usize, 0x200_0000);
    check_eq!("region usable", unsafe { (*shared.as_ptr())[0x3ff] }, 0xfeed);

    // heap_size and stack_size
    let mut v: Vec<u64> = (1..=1000).collect();
    v.push(1001);
    check_eq!("heap vec", v.iter().sum::<u64>(), 1001 * 1002 / 2);
    let s: String = format!("{}-{}", pd_name().unwrap(), v.len());
    check_eq!("heap string", s.as_str(), "client-1001");
    check_eq!("heap box", *Box::new(42u8), 42);
    // The stack the program asks for (the tool grows the description's
    // 0x2000 to it), with the description's stack top.
    check_eq!("stack_size", sp() < 0x3f_ffff_d000 && sp() > 0x3f_ffff_d000 - STACK, true);
    check_eq!("stack_size is the stack", touch_stack(STACK - 0x1000), 0);

    // Message registers: with_msg_regs{,_mut}, get_mr/set_mr, bytes
    with_msg_regs_mut(|mrs| {
        for (i, r) in mrs[..6].iter_mut().enumerate() {
            *r = 10 + i as u64;
        }
    });
    set_mr(6, 16);
    check_eq!("get_mr", get_mr(6), 16);
    check_eq!("msg regs and bytes alias", with_msg_bytes(|b| b[8]), 11);
    let r = SERVER.pp_call(MessageInfo::new(1, 7));
    check_eq!("pp_call reply", (r.label(), r.count()), (7, 7));
    let got: [u64; 7] = with_msg_regs(|mrs| mrs[..7].try_into().unwrap());
    check_eq!("pp_call 7 registers", got, [16, 15, 14, 13, 12, 11, 10]);

    let r = SERVER.pp_call(MessageInfo::new(2, 0));
    check_eq!("server pd_is_passive", (r.label(), get_mr(0)), (2, 1));
    let name = with_msg_bytes(|b| {
        let n = b[8..].iter().position(|&c| c == 0).unwrap();
        String::from(core::str::from_utf8(&b[8..8 + n]).unwrap())
    });
    check_eq!("server pd_name", name.as_str(), "server");

    // Deferred actions: the server defers a notify on channel 5, then one on
    // channel 1, which performs the first at once; the second goes with its
    // reply. Both arrive with the next wake-up.
    set_mr(0, 1);
    check_eq!("deferred", SERVER.pp_call(MessageInfo::new(3, 1)).label(), 3);

    // irq_ack on the interrupt's channel, at once and as an action
    check_eq!("irq_ack", UART.irq_ack(), Ok(()));
    let a = DeferredAction::new_irq_ack(UART);
    check_eq!("deferred action fields", (a.channel(), a.interface()), (UART, DeferredActionInterface::IrqAck));
    check_eq!("execute_now", a.execute_now(), Ok(()));
    let mut slot = DeferredActionSlot::new();
    check_eq!("defer_irq_ack", slot.defer_irq_ack(UART), Ok(()));
    check_eq!("slot take", slot.take().map(|a| a.interface()), Some(DeferredActionInterface::IrqAck));
    check_eq!("slot empty", slot.take(), None);

    // The peer answers on channels 2 and 3 before this PD waits again.
    PEER.notify();
    Client { wakeups: 0 }
}

struct Client {
    wakeups: u32,
}

impl Handler for Client {
    type Error = Infallible;

    fn notified(&mut self, channels: ChannelSet) -> Result<(), Self::Error> {
        self.wakeups += 1;
        let f = fmt!("{}", channels.display());
        check_eq!("one wake-up, every channel", f.as_str(), "{1, 2, 3, 5}");
        let ids: Vec<usize> = channels.iter().map(|c| c.index()).collect();
        check_eq!("channelset iter", ids, [1, 2, 3, 5]);
        check_eq!("channelset contains", (channels.contains(PEER2), channels.contains(UART)), (true, false));
        check_eq!("wake-ups", self.wakeups, 1);
        check_done();
        Ok(())
    }
}
