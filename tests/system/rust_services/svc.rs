// The service: each client's shared bytes, answered in upper case.
#![no_std]
#![no_main]

use sel4_microkit::moat::{discover, notify_client, on_service};
use sel4_microkit::{Handler, NullHandler};

include!("../include/check.rs");

fn on_client(client: usize, buf: &mut [u8]) {
    check_eq!("svc: the client's 16 bytes", buf.len(), 16);
    buf.make_ascii_uppercase();
    check_eq!("svc: notify_client", notify_client(client), Ok(()));
}

// declare_protection_domain!, what #[protection_domain] expands to.
sel4_microkit::declare_protection_domain! { init = init, stack_size = 0x4000 }

fn init() -> impl Handler {
    check_eq!("svc: discover its own", discover("rust.upper").map(|(_, own)| own), Ok(true));
    check_eq!("svc: on_service", on_service(Some(on_client)), Ok(()));
    NullHandler::new()
}
