// SPDX-License-Identifier: BSD-2-Clause
//
// moat's extensions, beyond rust-sel4's API (lib/include/moat.h): child PD
// control and the alarm. Each returns the kernel's error code.
use crate::{sys1, sys3, Child, Word, SYS_ALARM, SYS_PD_CTL};

const PD_CTL_RESTART: Word = 0;
const PD_CTL_STOP: Word = 1;
const PD_CTL_RESUME: Word = 2;
const PD_CTL_RESET: Word = 3;

/// The kernel's error code (`E_*` of moat/abi.h, negative).
pub type Error = i64;

fn result(e: i64) -> Result<(), Error> {
    if e == 0 { Ok(()) } else { Err(e) }
}

/// Restarts a child from a pristine state (`moat_pd_reset`).
pub fn pd_reset(child: Child) -> Result<(), Error> {
    result(sys3(SYS_PD_CTL, child.index() as Word, PD_CTL_RESET, 0))
}

/// Runs a child from `entry` (`microkit_pd_restart`).
pub fn pd_restart(child: Child, entry: Word) -> Result<(), Error> {
    result(sys3(SYS_PD_CTL, child.index() as Word, PD_CTL_RESTART, entry))
}

pub fn pd_stop(child: Child) -> Result<(), Error> {
    result(sys3(SYS_PD_CTL, child.index() as Word, PD_CTL_STOP, 0))
}

pub fn pd_resume(child: Child) -> Result<(), Error> {
    result(sys3(SYS_PD_CTL, child.index() as Word, PD_CTL_RESUME, 0))
}

/// Sets the PD's alarm to the absolute `deadline` (time CSR ticks; 0 cancels).
/// Its event reaches the loop's service/alarm dispatch (docs/lib.md).
pub fn alarm_set(deadline: Word) -> Result<(), Error> {
    result(sys1(SYS_ALARM, deadline))
}
