// Stores to address 8 in init: a page fault for its parent.
#![no_std]
#![no_main]

use sel4_microkit::{moat_println, protection_domain, Handler, NullHandler};

#[protection_domain]
fn init() -> impl Handler {
    moat_println!("vm: started");
    unsafe { core::ptr::write_volatile(8 as *mut u64, 1) };
    moat_println!("vm: FAIL: the store went on");
    NullHandler::new()
}
