// SPDX-License-Identifier: BSD-2-Clause
//
// check.h for Rust system-test PDs: include!("../include/check.rs") after
// the crate's attributes. check_eq! prints `ok <name>` or `FAIL <name>: got
// X want Y` with moat_println! (which prints in release too); check_done()
// prints `<pd>: PASS` or `<pd>: FAIL` and halts with that verdict (debug
// kernels; elsewhere it returns).

static mut CHECK_FAILURES: u32 = 0;

#[allow(unused_macros)]
macro_rules! check_eq {
    ($name:expr, $got:expr, $want:expr) => {{
        let (got, want) = ($got, $want);
        if got == want {
            sel4_microkit::moat_println!("ok {}", $name);
        } else {
            sel4_microkit::moat_println!("FAIL {}: got {:?} want {:?}", $name, got, want);
            unsafe { CHECK_FAILURES += 1 };
        }
    }};
}

#[allow(dead_code)]
fn check_done() {
    let failed = unsafe { CHECK_FAILURES } != 0;
    sel4_microkit::moat_println!("{}: {}", sel4_microkit::pd_name().unwrap_or("?"), if failed { "FAIL" } else { "PASS" });
    sel4_microkit::moat::debug_halt(failed as u64);
}

/// Formats into a fixed buffer, for checking what `{:?}` and `{}` print.
#[allow(dead_code)]
struct Fmt {
    buf: [u8; 128],
    len: usize,
}

#[allow(dead_code)]
impl Fmt {
    fn of(args: core::fmt::Arguments) -> Fmt {
        let mut f = Fmt { buf: [0; 128], len: 0 };
        let _ = core::fmt::write(&mut f, args);
        f
    }

    fn as_str(&self) -> &str {
        core::str::from_utf8(&self.buf[..self.len]).unwrap_or("?")
    }
}

impl core::fmt::Write for Fmt {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let n = s.len().min(self.buf.len() - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&s.as_bytes()[..n]);
        self.len += n;
        Ok(())
    }
}

#[allow(unused_macros)]
macro_rules! fmt {
    ($($arg:tt)*) => { Fmt::of(format_args!($($arg)*)) };
}
