// The client: shares BUF with rust.upper, notifies it, and checks the
// answer in its own memory; then an alarm (after one that is cancelled).
#![no_std]
#![no_main]

use sel4_microkit::moat::*;
use sel4_microkit::{protection_domain, Handler, NullHandler};

include!("../include/check.rs");

static mut BUF: [u8; 16] = *b"shared, by copy!";

fn on_answer(service: usize, buf: &mut [u8]) {
    check_eq!("cli: a client's callback gets no buffer", (service != 0, buf.len()), (true, 0));
    check_eq!("cli: the answer is in its own memory", unsafe { &BUF }, b"SHARED, BY COPY!");
    alarm_set(time() + TIME_HZ, never);
    alarm_cancel();
    alarm_set(time() + TIME_HZ / 1000, on_alarm);
}

fn never() {
    check_eq!("cli: a cancelled alarm does not run", true, false);
}

fn on_alarm() {
    moat_println!("cli: alarm");
    check_done();
}

#[protection_domain]
fn init() -> impl Handler {
    check_eq!("cli: discover an unknown name", discover("no.such"), Err(E_NOENT));
    check_eq!("cli: discover a long name", discover(core::str::from_utf8(&[b'x'; 65]).unwrap()), Err(E_RANGE));
    check_eq!("cli: strerror", strerror(E_NOENT), "E_NOENT");
    let (id, own) = discover("rust.upper").unwrap();
    check_eq!("cli: not its own", own, false);
    check_eq!("cli: notify_client: it has no service", notify_client(id), Err(E_NOENT));
    check_eq!("cli: on_client", on_client(id, Some(on_answer)), Ok(()));
    check_eq!("cli: share", share(id, unsafe { &mut BUF }), Ok(()));
    check_eq!("cli: notify_service", notify_service(id), Ok(()));
    NullHandler::new()
}
