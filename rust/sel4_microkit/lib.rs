// SPDX-License-Identifier: BSD-2-Clause
//
// rust-sel4's sel4_microkit API on moat: the same names, types and messages,
// written for moat (none of upstream's code). A Rust PD links before
// libmicrokit: the C event loop (lib/main.c built with MOAT_NOTIFIED_SET,
// the SDK's microkit_set.o) waits, replies and performs deferred actions;
// this crate defines the C entry points it calls and forwards them to the
// PD's Handler. See docs/rust.md.
#![no_std]
#![feature(alloc_error_handler)]

extern crate alloc;

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::fmt;

pub use core::convert::Infallible;
pub use sel4_microkit_macros::protection_domain;

pub mod moat;
#[allow(dead_code)]
mod abi;
use abi::*;

/// A machine word, as seL4's `seL4_Word`.
pub type Word = u64;

const MAX_CHANNELS: usize = MOAT_MAX_CHANNELS as usize;
const MSG_MAX_LENGTH: usize = MOAT_MSG_MAX as usize;
/// The label of the reply `pp_call` returns when the call failed (moat's
/// `MOAT_PPC_ERROR_LABEL`); MR 0 then holds the kernel's error code.
pub const PPC_ERROR_LABEL: Word = 0xf_ffff_ffff_ffff;

/// True when the SDK's configuration prints (`CONFIG_PRINTING`, debug).
pub const PRINTING: bool = cfg!(printing);

extern "C" {
    static microkit_name: [u8; 64];
    static microkit_passive: i8;
    static microkit_notifications: Word;
    static microkit_pps: Word;
    static microkit_irqs: Word;
    static mut microkit_have_signal: i8;
    static mut microkit_signal_cap: Word;
    fn microkit_dbg_putc(c: i32);
    fn moat_run_loop() -> !;
}

// --- system calls (docs/abi.md) ---------------------------------------------------

#[inline(always)]
pub(crate) fn sys1(nr: Word, a0: Word) -> i64 {
    let r: Word;
    unsafe {
        core::arch::asm!("ecall", inlateout("a0") a0 => r, inlateout("a7") nr => _,
            out("a1") _, out("a2") _, out("a3") _, out("a4") _, out("a5") _, out("a6") _,
            out("t0") _, out("t1") _, out("t2") _, out("t3") _, out("t4") _, out("t5") _,
            out("t6") _, options(nostack));
    }
    r as i64
}

#[inline(always)]
pub(crate) fn sys3(nr: Word, a0: Word, a1: Word, a2: Word) -> i64 {
    let r: Word;
    unsafe {
        core::arch::asm!("ecall", inlateout("a0") a0 => r, inlateout("a1") a1 => _,
            inlateout("a2") a2 => _, inlateout("a7") nr => _,
            out("a3") _, out("a4") _, out("a5") _, out("a6") _,
            out("t0") _, out("t1") _, out("t2") _, out("t3") _, out("t4") _, out("t5") _,
            out("t6") _, options(nostack));
    }
    r as i64
}

// --- the PD's patched symbols ------------------------------------------------

/// The PD's name, as the description gives it, as bytes.
pub fn pd_name_bytes() -> &'static [u8] {
    let name = unsafe { &microkit_name };
    &name[..name.iter().position(|&b| b == 0).unwrap_or(name.len())]
}

/// The PD's name, as the description gives it.
pub fn pd_name() -> Result<&'static str, core::str::Utf8Error> {
    core::str::from_utf8(pd_name_bytes())
}

/// Whether the PD is passive (`passive="true"`).
#[inline]
pub fn pd_is_passive() -> bool {
    unsafe { core::ptr::read_volatile(&microkit_passive) != 0 }
}

#[inline]
fn mask(m: &'static Word) -> Word {
    unsafe { core::ptr::read_volatile(m) }
}

/// Declares a variable the tool patches (`<end setvar_id>`, `setvar_vaddr`,
/// `setvar_size`, ...): `var!(name: Type = default)` is a `&'static Type`.
/// It lives in `.data`, so that the program file holds it for the tool.
#[macro_export]
macro_rules! var {
    ($(#[$attrs:meta])* $symbol:ident: $ty:ty = $default:expr) => {{
        $(#[$attrs])*
        #[no_mangle]
        #[link_section = ".data"]
        static $symbol: $crate::_private::ImmutableCell<$ty> = $crate::_private::ImmutableCell::new($default);
        $symbol.get()
    }};
}

/// Declares a memory region's patched address (`setvar_vaddr`) and gives it
/// as a `NonNull<T>` (panicking "<symbol> is null" if the tool set none);
/// `*mut [T], n = N` gives a `NonNull<[T]>` of N elements; `bytes = B`
/// checks at compile time that the type is B bytes.
#[macro_export]
macro_rules! memory_region_symbol {
    ($(#[$attrs:meta])* $symbol:ident: *mut [$ty:ty], n = $n:expr, bytes = $bytes:expr $(,)?) => {{
        const _: () = assert!($bytes == $n * core::mem::size_of::<$ty>());
        $crate::memory_region_symbol!($(#[$attrs])* $symbol: *mut [$ty], n = $n)
    }};
    ($(#[$attrs:meta])* $symbol:ident: *mut [$ty:ty], n = $n:expr $(,)?) => {{
        let p = $crate::memory_region_symbol!($(#[$attrs])* $symbol: *mut $ty);
        unsafe { core::ptr::NonNull::new_unchecked(core::ptr::slice_from_raw_parts_mut(p.as_ptr(), $n)) }
    }};
    ($(#[$attrs:meta])* $symbol:ident: *mut $ty:ty, bytes = $bytes:expr $(,)?) => {{
        const _: () = assert!($bytes == core::mem::size_of::<$ty>());
        $crate::memory_region_symbol!($(#[$attrs])* $symbol: *mut $ty)
    }};
    ($(#[$attrs:meta])* $symbol:ident: *mut $ty:ty $(,)?) => {
        core::ptr::NonNull::new(*$crate::var!($(#[$attrs])* $symbol: usize = 0) as *mut $ty)
            .unwrap_or_else(|| panic!("{} is null", stringify!($symbol)))
    };
}

// --- debug output --------------------------------------------------------------

#[doc(hidden)]
pub struct DebugWrite;

impl fmt::Write for DebugWrite {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for b in s.bytes() {
            unsafe { microkit_dbg_putc(b as i32) };
        }
        Ok(())
    }
}

#[doc(hidden)]
pub fn _print(args: fmt::Arguments) {
    let _ = fmt::write(&mut DebugWrite, args);
}

/// Prints to the debug console, in the debug configuration only (as
/// libmicrokit's `microkit_dbg_*`); in release it type-checks and prints nothing.
#[macro_export]
macro_rules! debug_print {
    ($($arg:tt)*) => {
        if $crate::PRINTING {
            $crate::_print(format_args!($($arg)*))
        }
    };
}

/// As `debug_print!`, with a newline.
#[macro_export]
macro_rules! debug_println {
    () => { $crate::debug_print!("\n") };
    ($($arg:tt)*) => {
        if $crate::PRINTING {
            $crate::_print(format_args!($($arg)*));
            $crate::_print(format_args!("\n"));
        }
    };
}

// Stop this PD only: a store to address 0, a fault its parent handles or a
// debug kernel reports, as libmicrokit's microkit_internal_crash.
fn crash() -> ! {
    loop {
        unsafe { core::ptr::write_volatile(0 as *mut Word, 0) };
    }
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    debug_println!("{}: {}", pd_name().unwrap_or("?"), info);
    crash()
}

// --- channels ----------------------------------------------------------------

/// A channel of this PD, by its id.
#[derive(Debug, Copy, Clone, Eq, PartialEq, Ord, PartialOrd, Hash)]
pub struct Channel {
    index: usize,
}

impl Channel {
    #[track_caller]
    #[inline]
    pub const fn new(index: usize) -> Self {
        assert!(index < MAX_CHANNELS);
        Self { index }
    }

    #[inline]
    pub const fn index(&self) -> usize {
        self.index
    }

    #[inline]
    #[track_caller]
    fn check(&self, m: &'static Word, method: &str) {
        if mask(m) & (1 << self.index) == 0 {
            invalid(method, self.index)
        }
    }

    /// Notifies the PD at the other end.
    #[track_caller]
    #[inline]
    pub fn notify(&self) {
        self.check(unsafe { &microkit_notifications }, "notify");
        sys1(SYS_NOTIFY, self.index as Word);
    }

    /// Acknowledges this channel's interrupt.
    #[track_caller]
    #[inline]
    pub fn irq_ack(&self) -> Result<(), IrqAckError> {
        self.check(unsafe { &microkit_irqs }, "irq_ack");
        match sys1(SYS_IRQ_ACK, self.index as Word) {
            0 => Ok(()),
            e => Err(IrqAckError(e)),
        }
    }

    /// Calls the PD at the other end with MR 0..count-1; returns its reply.
    /// A call the kernel refuses or the callee cannot answer returns a tag
    /// labelled `PPC_ERROR_LABEL` with the error code in MR 0 (moat).
    #[inline]
    #[track_caller]
    pub fn pp_call(&self, msg_info: MessageInfo) -> MessageInfo {
        self.check(unsafe { &microkit_pps }, "pp_call");
        let mr = ipc_mrs();
        let (err, tag): (Word, Word);
        unsafe {
            core::arch::asm!("ecall",
                inlateout("a0") self.index as Word => err, inlateout("a1") msg_info.0 => tag,
                inlateout("a2") (*mr)[0] => (*mr)[0], inlateout("a3") (*mr)[1] => (*mr)[1],
                inlateout("a4") (*mr)[2] => (*mr)[2], inlateout("a5") (*mr)[3] => (*mr)[3],
                inlateout("a7") SYS_CALL => _, out("a6") _,
                out("t0") _, out("t1") _, out("t2") _, out("t3") _, out("t4") _, out("t5") _,
                out("t6") _, options(nostack));
        }
        // On an error only a0 is defined: MR 0 takes it, MR 1..3 are set back.
        if err != 0 {
            unsafe { (*mr)[0] = err };
            return MessageInfo::new(PPC_ERROR_LABEL, 1);
        }
        MessageInfo(tag)
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn invalid(method: &str, index: usize) -> ! {
    panic!("{}: not valid for channel '{}'", method, index)
}

/// The error `Channel::irq_ack` returns: the kernel's error code.
#[derive(Debug, PartialEq, Eq)]
pub struct IrqAckError(i64);

impl fmt::Display for IrqAckError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "irq ack error: {}", self.0)
    }
}

/// The channels of one wake-up.
#[derive(Debug, Copy, Clone, Eq, PartialEq)]
pub struct ChannelSet(Word);

impl ChannelSet {
    #[inline]
    pub fn contains(&self, channel: Channel) -> bool {
        self.0 & (1 << channel.index) != 0
    }

    /// The channels, lowest id first.
    pub fn iter(&self) -> impl Iterator<Item = Channel> {
        let mut bits = self.0;
        core::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            let i = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            Some(Channel::new(i))
        })
    }

    /// Prints as `{13}` or `{1, 5}`.
    pub fn display(&self) -> DisplayChannelSet {
        DisplayChannelSet(*self)
    }
}

pub struct DisplayChannelSet(ChannelSet);

impl fmt::Display for DisplayChannelSet {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{{")?;
        for (i, c) in self.0.iter().enumerate() {
            if i != 0 {
                write!(f, ", ")?;
            }
            write!(f, "{}", c.index())?;
        }
        write!(f, "}}")
    }
}

/// A child PD, by its id.
#[derive(Debug, Copy, Clone, Eq, PartialEq, Ord, PartialOrd, Hash)]
pub struct Child {
    index: usize,
}

impl Child {
    pub const fn new(index: usize) -> Self {
        Self { index }
    }

    pub const fn index(&self) -> usize {
        self.index
    }
}

// --- messages --------------------------------------------------------------------

/// A message's tag: a 52-bit label and a count of message registers.
#[derive(Copy, Clone, Default, Eq, PartialEq)]
pub struct MessageInfo(Word);

impl MessageInfo {
    #[inline]
    pub fn new(label: Word, count: usize) -> Self {
        Self((label << 12) | (count as Word & 0x7f))
    }

    #[inline]
    pub fn label(&self) -> Word {
        self.0 >> 12
    }

    #[inline]
    pub const fn label_width() -> usize {
        52
    }

    #[inline]
    pub fn count(&self) -> usize {
        (self.0 & 0x7f) as usize
    }

    /// The fault a child's fault message describes (in `Handler::fault`).
    pub fn fault(&self) -> Fault {
        let mr = |i| get_mr(i);
        match self.label() {
            6 => Fault::VmFault { ip: mr(0), addr: mr(1), prefetch_fault: mr(2) != 0, fsr: mr(3) },
            3 => Fault::UserException { fault_ip: mr(0), sp: mr(1), number: mr(2), code: mr(3) },
            l => Fault::Other(l),
        }
    }
}

impl fmt::Debug for MessageInfo {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.debug_struct("MessageInfo").field("label", &self.label()).field("count", &self.count()).finish()
    }
}

/// A child's fault, as seL4's fault message gives it.
#[derive(Debug, Copy, Clone, Eq, PartialEq)]
pub enum Fault {
    VmFault { ip: Word, addr: Word, prefetch_fault: bool, fsr: Word },
    UserException { fault_ip: Word, sp: Word, number: Word, code: Word },
    Other(Word),
}

#[inline]
fn ipc_mrs() -> *mut [Word; MSG_MAX_LENGTH] {
    (USER_IPCBUF + IPCBUF_MR_OFFSET) as usize as *mut [Word; MSG_MAX_LENGTH]
}

#[inline]
pub fn with_msg_regs<T>(f: impl FnOnce(&[Word]) -> T) -> T {
    f(unsafe { &*ipc_mrs() })
}

#[inline]
pub fn with_msg_regs_mut<T>(f: impl FnOnce(&mut [Word]) -> T) -> T {
    f(unsafe { &mut *ipc_mrs() })
}

#[inline]
pub fn with_msg_bytes<T>(f: impl FnOnce(&[u8]) -> T) -> T {
    f(unsafe { core::slice::from_raw_parts(ipc_mrs() as *const u8, MSG_MAX_LENGTH * 8) })
}

#[inline]
pub fn with_msg_bytes_mut<T>(f: impl FnOnce(&mut [u8]) -> T) -> T {
    f(unsafe { core::slice::from_raw_parts_mut(ipc_mrs() as *mut u8, MSG_MAX_LENGTH * 8) })
}

#[inline]
pub fn get_mr(i: usize) -> Word {
    with_msg_regs(|mrs| mrs[i])
}

#[inline]
pub fn set_mr(i: usize, value: Word) {
    with_msg_regs_mut(|mrs| mrs[i] = value)
}

// --- deferred actions ------------------------------------------------------------

/// An action the loop performs in the same system call as its next wait.
#[derive(Debug, Copy, Clone, Eq, PartialEq)]
pub struct DeferredAction {
    channel: Channel,
    interface: DeferredActionInterface,
}

#[derive(Debug, Copy, Clone, Eq, PartialEq)]
pub enum DeferredActionInterface {
    Notify,
    IrqAck,
}

impl DeferredAction {
    pub fn new(channel: Channel, interface: DeferredActionInterface) -> Self {
        Self { channel, interface }
    }

    pub fn new_notify(channel: Channel) -> Self {
        Self::new(channel, DeferredActionInterface::Notify)
    }

    pub fn new_irq_ack(channel: Channel) -> Self {
        Self::new(channel, DeferredActionInterface::IrqAck)
    }

    pub fn channel(&self) -> Channel {
        self.channel
    }

    pub fn interface(&self) -> DeferredActionInterface {
        self.interface
    }

    pub fn execute_now(self) -> Result<(), IrqAckError> {
        match self.interface {
            DeferredActionInterface::Notify => {
                self.channel.notify();
                Ok(())
            }
            DeferredActionInterface::IrqAck => self.channel.irq_ack(),
        }
    }

    // The action word of SYS_RECV (docs/abi.md), after the library's check.
    fn word(&self) -> Word {
        match self.interface {
            DeferredActionInterface::Notify => {
                self.channel.check(unsafe { &microkit_notifications }, "notify");
                ACTION_NOTIFY | self.channel.index as Word
            }
            DeferredActionInterface::IrqAck => {
                self.channel.check(unsafe { &microkit_irqs }, "irq_ack");
                ACTION_IRQ_ACK | self.channel.index as Word
            }
        }
    }
}

/// One deferred action; a second one performs the first at once.
#[derive(Debug, Default)]
pub struct DeferredActionSlot {
    inner: Option<DeferredAction>,
}

impl DeferredActionSlot {
    pub const fn new() -> Self {
        Self { inner: None }
    }

    pub fn take(&mut self) -> Option<DeferredAction> {
        self.inner.take()
    }

    pub fn defer(&mut self, action: DeferredAction) -> Result<(), IrqAckError> {
        match self.inner.replace(action) {
            Some(old) => old.execute_now(),
            None => Ok(()),
        }
    }

    pub fn defer_notify(&mut self, channel: Channel) -> Result<(), IrqAckError> {
        self.defer(DeferredAction::new_notify(channel))
    }

    pub fn defer_irq_ack(&mut self, channel: Channel) -> Result<(), IrqAckError> {
        self.defer(DeferredAction::new_irq_ack(channel))
    }
}

// --- the handler -----------------------------------------------------------------

/// What a PD does with its events; each method's default panics, as upstream's.
pub trait Handler {
    type Error: fmt::Display;

    fn notified(&mut self, channels: ChannelSet) -> Result<(), Self::Error> {
        panic!("unexpected notification from channels {}", channels.display())
    }

    fn protected(&mut self, channel: Channel, msg_info: MessageInfo) -> Result<MessageInfo, Self::Error> {
        panic!("unexpected protected procedure call from channel {:?} with msg_info={:?}", channel, msg_info)
    }

    fn fault(&mut self, child: Child, msg_info: MessageInfo) -> Result<Option<MessageInfo>, Self::Error> {
        panic!("unexpected fault from protection domain {:?} with msg_info={:?}", child, msg_info)
    }

    fn take_deferred_action(&mut self) -> Option<DeferredAction> {
        None
    }
}

/// A handler with every default.
pub struct NullHandler(());

impl NullHandler {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Self(())
    }
}

impl Handler for NullHandler {
    type Error = Infallible;
}

fn unwrap<T, E: fmt::Display>(r: Result<T, E>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => {
            debug_println!("{}: main thread terminated with error: {}", pd_name().unwrap_or("?"), e);
            crash()
        }
    }
}

#[inline]
fn defer<H: Handler>(h: &mut H) {
    if let Some(a) = h.take_deferred_action() {
        let w = a.word();
        unsafe {
            microkit_signal_cap = w;
            microkit_have_signal = 1;
        }
    }
}

// The C entry points the loop calls reach the PD's handler through these:
// the handler, and each entry point instantiated for its type (set once,
// before the loop starts). Cheaper than a trait object: one load of each,
// no check (the defaults stop the PD). The handler goes last, so that the C
// entry point's arguments stay in their registers.
struct Hooks {
    handler: *mut (),
    notified: unsafe fn(Word, *mut ()),
    protected: unsafe fn(usize, Word, *mut ()) -> Word,
    fault: unsafe fn(usize, Word, *mut ()) -> Option<Word>,
}

struct HookCell(UnsafeCell<Hooks>);
unsafe impl Sync for HookCell {}
static HOOKS: HookCell = HookCell(UnsafeCell::new(Hooks {
    handler: core::ptr::null_mut(),
    notified: |_, _| crash(),
    protected: |_, _, _| crash(),
    fault: |_, _, _| crash(),
}));

unsafe fn notified_hook<H: Handler>(bits: Word, h: *mut ()) {
    let h = &mut *(h as *mut H);
    unwrap(h.notified(ChannelSet(bits)));
    defer(h);
}

unsafe fn protected_hook<H: Handler>(ch: usize, tag: Word, h: *mut ()) -> Word {
    let h = &mut *(h as *mut H);
    // ch is the kernel's: below MAX_CHANNELS.
    let r = unwrap(h.protected(Channel { index: ch }, MessageInfo(tag)));
    defer(h);
    r.0
}

unsafe fn fault_hook<H: Handler>(child: usize, tag: Word, h: *mut ()) -> Option<Word> {
    let h = &mut *(h as *mut H);
    let r = unwrap(h.fault(Child::new(child), MessageInfo(tag)));
    defer(h);
    r.map(|m| m.0)
}

#[no_mangle]
extern "C" fn moat_notified_set(bits: Word) {
    unsafe {
        let k = &*HOOKS.0.get();
        (k.notified)(bits, k.handler)
    }
}

// The ids are below 64, and C passes an unsigned int sign-extended in its
// register (RV64's calling convention): as i32, it needs no extension here.
#[no_mangle]
extern "C" fn protected(ch: i32, tag: Word) -> Word {
    unsafe {
        let k = &*HOOKS.0.get();
        (k.protected)(ch as usize, tag, k.handler)
    }
}

#[no_mangle]
extern "C" fn fault(child: i32, tag: Word, reply: *mut Word) -> i8 {
    let r = unsafe {
        let k = &*HOOKS.0.get();
        (k.fault)(child as usize, tag, k.handler)
    };
    match r {
        Some(t) => {
            unsafe { *reply = t };
            1
        }
        None => 0,
    }
}

/// The stack of a PD that gives no `stack_size`, as upstream's.
#[doc(hidden)]
pub const DEFAULT_STACK_SIZE: usize = 0x10000;

/// Declares the PD's init function, its stack size and its heap size, as
/// `#[protection_domain]` does (which expands to this).
#[macro_export]
macro_rules! declare_protection_domain {
    { init = $init:expr $(,)? } => {
        $crate::declare_protection_domain! { init = $init, stack_size = $crate::DEFAULT_STACK_SIZE, heap_size = 0 }
    };
    { init = $init:expr, stack_size = $stack:expr $(,)? } => {
        $crate::declare_protection_domain! { init = $init, stack_size = $stack, heap_size = 0 }
    };
    { init = $init:expr, heap_size = $heap:expr $(,)? } => {
        $crate::declare_protection_domain! { init = $init, stack_size = $crate::DEFAULT_STACK_SIZE, heap_size = $heap }
    };
    { init = $init:expr, stack_size = $stack:expr, heap_size = $heap:expr $(,)? } => {
        const _: () = {
            // The stack size, for the tool: the PD's stack (its guard page
            // below it) is this big if its description gives less (docs/rust.md).
            #[no_mangle]
            #[link_section = ".data"]
            static __moat_stack_size: usize = $stack;

            // The C entry point libmicrokit's main() calls, under a Rust name
            // unlike the PD's function (often `init` too). Unlikely names
            // inside: the sizes' expressions are the PD's, and see them.
            #[export_name = "init"]
            extern "C" fn __sel4_microkit_init() {
                static mut __SEL4_MICROKIT_HEAP: [u8; $heap] = [0; $heap];
                unsafe {
                    $crate::_private::run(__SEL4_MICROKIT_HEAP.as_mut_ptr(), $heap, &__moat_stack_size, $init)
                }
            }
        };
    };
}

#[doc(hidden)]
pub mod _private {
    use super::*;

    /// A `static` the program cannot change but the tool patches.
    #[repr(transparent)]
    pub struct ImmutableCell<T>(UnsafeCell<T>);
    unsafe impl<T> Sync for ImmutableCell<T> {}

    impl<T> ImmutableCell<T> {
        pub const fn new(value: T) -> Self {
            Self(UnsafeCell::new(value))
        }

        /// The value the tool wrote (an UnsafeCell, so the compiler cannot
        /// fold in the initialiser).
        pub fn get(&'static self) -> &'static T {
            unsafe { &*self.0.get() }
        }
    }

    /// The PD's entry point after libmicrokit's main(): calls the PD's init
    /// function and enters the loop. (The stack size is read so that the
    /// linker keeps the symbol for the tool.)
    pub unsafe fn run<H: Handler, F: FnOnce() -> H>(heap: *mut u8, heap_size: usize, stack_size: &'static usize, init: F) -> ! {
        core::ptr::read_volatile(stack_size);
        *HEAP.0.get() = (heap as usize, heap as usize + heap_size);
        let mut handler = init();
        // The handler lives in this frame, which the loop never leaves.
        *HOOKS.0.get() = Hooks {
            handler: &mut handler as *mut H as *mut (),
            notified: notified_hook::<H>,
            protected: protected_hook::<H>,
            fault: fault_hook::<H>,
        };
        defer(&mut handler);
        moat_run_loop()
    }
}

// --- the heap: #[protection_domain(heap_size = N)] ---------------------------------
// A bump allocator over the static heap: freed memory is not reused (but the
// last allocation's is). Without heap_size every allocation fails.

struct Heap(UnsafeCell<(usize, usize)>);
unsafe impl Sync for Heap {}
static HEAP: Heap = Heap(UnsafeCell::new((0, 0)));

struct BumpAllocator;

unsafe impl GlobalAlloc for BumpAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let (next, end) = &mut *HEAP.0.get();
        let start = (*next + layout.align() - 1) & !(layout.align() - 1);
        match start.checked_add(layout.size()) {
            Some(e) if e <= *end => {
                *next = e;
                start as *mut u8
            }
            _ => core::ptr::null_mut(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let (next, _) = &mut *HEAP.0.get();
        if ptr as usize + layout.size() == *next {
            *next = ptr as usize;
        }
    }
}

#[global_allocator]
static ALLOCATOR: BumpAllocator = BumpAllocator;

#[alloc_error_handler]
fn alloc_error(layout: Layout) -> ! {
    panic!("memory allocation of {} bytes failed", layout.size())
}
