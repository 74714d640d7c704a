// SPDX-License-Identifier: BSD-2-Clause
//
// moat's extensions, beyond rust-sel4's API (lib/include/moat.h, docs/lib.md):
// child control, the alarm, Tock-style services, the clock and the console
// that prints in every configuration. Errors are the kernel's codes (E_* of
// moat/abi.h, negative).
use crate::abi::*;
use crate::{sys3, Child, Word};
use core::ffi::c_void;

/// The kernel's error code (`E_*` of moat/abi.h, negative).
pub type Error = i64;
pub use crate::abi::{E_DEAD, E_INVAL, E_NOENT, E_NOSYS, E_OK, E_PERM, E_RANGE, E_STALE, E_STATE};

fn result(e: i64) -> Result<(), Error> {
    if e == 0 { Ok(()) } else { Err(e) }
}

/// A short name for an error code (`"E_DEAD"`), as `moat_strerror`.
pub fn strerror(err: Error) -> &'static str {
    let s = unsafe { moat_strerror(err) };
    let mut n = 0;
    while unsafe { *s.add(n) } != 0 {
        n += 1;
    }
    core::str::from_utf8(unsafe { core::slice::from_raw_parts(s, n) }).unwrap_or("?")
}

extern "C" {
    fn moat_strerror(err: i64) -> *const u8;
    fn moat_dbg_putc(c: i32);
    fn moat_ipc_discover(name: *const u8, id: *mut usize, own: *mut bool) -> i64;
    fn moat_ipc_notify_service(id: usize) -> i64;
    fn moat_ipc_notify_client(id: usize) -> i64;
    fn moat_ipc_share(id: usize, base: *mut c_void, len: usize) -> i64;
    fn moat_ipc_on_service(cb: Option<IpcCallback>, ud: *mut c_void) -> i64;
    fn moat_ipc_on_client(id: usize, cb: Option<IpcCallback>, ud: *mut c_void) -> i64;
    fn moat_alarm_set(deadline: u64, cb: Option<extern "C" fn(*mut c_void)>, ud: *mut c_void);
}

// --- child control (the parent's; docs/lib.md "Children") ------------------------

fn pd_ctl(child: Child, op: Word, entry: Word) -> Result<(), Error> {
    result(sys3(SYS_PD_CTL, child.index() as Word, op, entry))
}

/// Runs a child again from its boot state: memory, registers (`moat_pd_reset`).
pub fn pd_reset(child: Child) -> Result<(), Error> {
    pd_ctl(child, PD_CTL_RESET, 0)
}

/// Runs a child from `entry`, as `microkit_pd_restart`.
pub fn pd_restart(child: Child, entry: Word) -> Result<(), Error> {
    pd_ctl(child, PD_CTL_RESTART, entry)
}

/// Stops a child, as `microkit_pd_stop`.
pub fn pd_stop(child: Child) -> Result<(), Error> {
    pd_ctl(child, PD_CTL_STOP, 0)
}

/// Runs a stopped or faulted child from where it stopped, as `microkit_pd_resume`.
pub fn pd_resume(child: Child) -> Result<(), Error> {
    pd_ctl(child, PD_CTL_RESUME, 0)
}

// --- time -------------------------------------------------------------------------

/// Ticks of the time CSR per second (QEMU virt's timebase).
pub const TIME_HZ: u64 = 10_000_000;

/// Time since boot in ticks of `TIME_HZ` (`moat_time`).
pub fn time() -> u64 {
    let t: u64;
    unsafe { core::arch::asm!("rdtime {}", out(reg) t, options(nomem, nostack)) };
    t
}

extern "C" fn call_fn(ud: *mut c_void) {
    let f: fn() = unsafe { core::mem::transmute(ud) };
    f()
}

/// Runs `f` from the event loop once `time()` reaches `deadline` (replacing
/// any earlier alarm), as `moat_alarm_set`.
pub fn alarm_set(deadline: u64, f: fn()) {
    unsafe { moat_alarm_set(deadline, Some(call_fn), f as *mut c_void) }
}

/// Cancels the alarm.
pub fn alarm_cancel() {
    unsafe { moat_alarm_set(0, None, core::ptr::null_mut()) }
}

// --- Tock-style services (docs/lib.md "Services") ---------------------------------

type IpcCallback = extern "C" fn(peer: usize, len: usize, buf: *mut c_void, ud: *mut c_void);

/// A service or client callback: the peer's id and, for a service, the
/// buffer its client shared (empty if none).
pub type ServiceFn = fn(peer: usize, buf: &mut [u8]);

extern "C" fn call_service_fn(peer: usize, len: usize, buf: *mut c_void, ud: *mut c_void) {
    let f: ServiceFn = unsafe { core::mem::transmute(ud) };
    let buf: &mut [u8] = if buf.is_null() {
        &mut []
    } else {
        unsafe { core::slice::from_raw_parts_mut(buf as *mut u8, len) }
    };
    f(peer, buf)
}

/// The id of the service called `name`, and whether it is this PD's own
/// (`moat_ipc_discover`): E_NOENT for none this PD may use, E_RANGE for a
/// name longer than 64 bytes.
pub fn discover(name: &str) -> Result<(usize, bool), Error> {
    let mut z = [0u8; MOAT_NAME_LEN as usize + 1];
    if name.len() > MOAT_NAME_LEN as usize {
        return Err(E_RANGE);
    }
    z[..name.len()].copy_from_slice(name.as_bytes());
    let (mut id, mut own) = (0usize, false);
    result(unsafe { moat_ipc_discover(z.as_ptr(), &mut id, &mut own) }).map(|_| (id, own))
}

/// Notifies service `id`, of which this PD is a client.
pub fn notify_service(id: usize) -> Result<(), Error> {
    result(unsafe { moat_ipc_notify_service(id) })
}

/// Notifies client `id` of this PD's service.
pub fn notify_client(id: usize) -> Result<(), Error> {
    result(unsafe { moat_ipc_notify_client(id) })
}

/// Shares `buf` (this PD's own writable memory, at most a page) with service
/// `id`, replacing what was shared; an empty `buf` unshares.
pub fn share(id: usize, buf: &'static mut [u8]) -> Result<(), Error> {
    result(unsafe { moat_ipc_share(id, buf.as_mut_ptr() as *mut c_void, buf.len()) })
}

/// Registers `f` for this PD's service's clients (None unregisters).
pub fn on_service(f: Option<ServiceFn>) -> Result<(), Error> {
    let ud = f.map_or(core::ptr::null_mut(), |f| f as *mut c_void);
    result(unsafe { moat_ipc_on_service(f.map(|_| call_service_fn as IpcCallback), ud) })
}

/// Registers `f` for notifications from service `id` (None unregisters).
pub fn on_client(id: usize, f: Option<ServiceFn>) -> Result<(), Error> {
    let ud = f.map_or(core::ptr::null_mut(), |f| f as *mut c_void);
    result(unsafe { moat_ipc_on_client(id, f.map(|_| call_service_fn as IpcCallback), ud) })
}

// --- the console in every configuration -------------------------------------------

#[doc(hidden)]
pub struct Console;

impl core::fmt::Write for Console {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        for b in s.bytes() {
            unsafe { moat_dbg_putc(b as i32) };
        }
        Ok(())
    }
}

/// Prints in every configuration, release included, as `moat_dbg_puts`
/// (`debug_print!` prints only where libmicrokit's `microkit_dbg_*` do).
#[macro_export]
macro_rules! moat_println {
    ($($arg:tt)*) => {{
        use core::fmt::Write;
        let _ = writeln!($crate::moat::Console, $($arg)*);
    }};
}

/// Powers the machine off with `code` as QEMU's exit status (0 passes), as
/// `moat_dbg_halt`: debug kernels only; others refuse it (E_NOSYS).
pub fn debug_halt(code: Word) -> Error {
    crate::sys1(SYS_DEBUG_HALT, code)
}
pub use crate::moat_println;
