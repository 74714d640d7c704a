# SPDX-License-Identifier: BSD-2-Clause
#
# gdb support for moat systems under QEMU's gdb stub (docs/debugging.md).
#
# Every PD is linked at the same address (lib/microkit.ld: 0x200000), so
# gdb holds the kernel's symbols (its ELF, the main symbol file) and those
# of one PD at a time, added with add-symbol-file. The commands:
#
#   moat-system REPORT [DIR...]  read the PDs' names, indices, programs and root
#                                page tables from the tool's report; a program is
#                                looked for in the DIRs (the tool's search path;
#                                default: the report's directory)
#   moat-pd NAME|INDEX           load that PD's symbols in place of the previous PD's
#   moat-pds                     every PD: index, name, state, priority, saved pc
#   moat-break LOCATION [PD]     a breakpoint that stops only in that PD's address
#                                space (default: the PD whose symbols are loaded)
#   moat-kernel COMMAND          run a gdb command seeing the hart as S-mode with
#                                sstatus.SUM set: the kernel's half and the user half
#                                of the address space in satp are both readable
#   moat-auto on|off             switch PD symbols by themselves at each stop in
#                                user mode (default on)
#   moat-trace [FILE]            the kernel's IPC timeline as the kernel dumps it
#                                (on the screen or into FILE), for `moat trace`
#
# and the convenience function $moat_pd(), the index of the PD whose address
# space satp holds (-1 if none).
#
# Why moat-kernel: QEMU's stub translates addresses as the hart would in its
# current mode. Stopped in a PD (U-mode), the kernel's pages (no U bit) are
# unreadable. Stopped in the kernel (S-mode), QEMU 7.2's stub reads the U
# pages of the address space in satp (the PD that last ran or is about to)
# even with sstatus.SUM clear; SUM is set too for stubs that honour it. The
# command sets the virtual register $priv to 1 (S) and SUM, runs the command,
# and puts both back before anything can resume the hart.
import os
import re

import gdb

KERNEL_VBASE = 0xffffffc000000000  # kernel.ld: the kernel's half starts here
SSTATUS_SUM = 1 << 18
SATP_PPN_MASK = (1 << 44) - 1
SATP_ASID_SHIFT = 44
STATES = ["inactive", "runnable", "recv", "call", "faulted", "stopped", "wait", "ctlwait"]  # pd.h


class Pd:
    def __init__(self, index, name):
        self.index = index
        self.name = name
        self.program = None  # as the description names it
        self.elf = None  # found in the search path
        self.root = None  # root page table's physical address


class State:
    def __init__(self):
        self.pds = []  # from the report, by index
        self.dirs = []
        self.loaded = None  # (Pd, path) whose symbols are loaded
        self.auto = True


S = State()


def msg(text):
    gdb.write("moat: %s\n" % text)


def reg(name):
    return int(gdb.parse_and_eval("$" + name)) & ((1 << 64) - 1)


class KernelView:
    """While it lasts, the stub reads memory as S-mode with SUM set."""

    def __enter__(self):
        self.priv = reg("priv")
        self.sstatus = reg("sstatus")
        if self.priv != 1:
            gdb.execute("set $priv = 1", to_string=True)
        if not self.sstatus & SSTATUS_SUM:
            gdb.execute("set $sstatus = %#x" % (self.sstatus | SSTATUS_SUM), to_string=True)
        return self

    def __exit__(self, *exc):
        if not self.sstatus & SSTATUS_SUM:
            gdb.execute("set $sstatus = %#x" % self.sstatus, to_string=True)
        if self.priv != 1:
            gdb.execute("set $priv = %d" % self.priv, to_string=True)
        return False


def stopped():
    try:
        return gdb.selected_thread() is not None and not gdb.selected_thread().is_running()
    except gdb.error:
        return False


def find_elf(program):
    if os.path.isabs(program):
        return program if os.path.isfile(program) else None
    for d in S.dirs:
        p = os.path.join(d, program)
        if os.path.isfile(p):
            return os.path.abspath(p)
    return None


def read_report(path):
    pds = []
    pd = None
    with open(path) as f:
        for line in f:
            m = re.match(r"protection domain '(.*)' \(index (\d+)\)$", line.rstrip("\n"))
            if m:
                pd = Pd(int(m.group(2)), m.group(1))
                pds.append(pd)
                continue
            if pd is None:
                continue
            m = re.match(r"\s+program:\s+(.*)$", line)
            if m:
                pd.program = m.group(1).strip()
            m = re.match(r"\s+page tables:.*root pa=(0x[0-9a-f]+)", line)
            if m:
                pd.root = int(m.group(1), 16)
    pds.sort(key=lambda p: p.index)
    return pds


def kernel_pds():
    """(index, name, state, prio, pc, satp) of every PD in the kernel's table."""
    out = []
    with KernelView():
        n = int(gdb.parse_and_eval("npds"))
        for i in range(n):
            p = gdb.parse_and_eval("pds[%d]" % i)
            out.append((i, p["name"].string(), int(p["state"]), int(p["prio"]),
                        int(p["arch"]["regs"]["x"][0]), int(p["arch"]["satp"])))
    return out


def current_index():
    """The kernel's `current` PD's index on this hart, or None (before boot).
    `current` is the running core's cpus[i].cur (kernel/cpu.h): the hart
    is gdb's thread, and a one-core kernel has cpus[0] only."""
    with KernelView():
        cpus = gdb.parse_and_eval("cpus")
        n = cpus.type.range()[1] + 1
        i = gdb.selected_thread().num - 1 if n > 1 else 0
        cur = cpus[i]["cur"]
        if int(cur) == 0:
            return None
        return int(cur["index"])


def satp_index():
    """The index of the PD whose address space satp holds, or None."""
    satp = reg("satp")
    root = (satp & SATP_PPN_MASK) << 12
    for pd in S.pds:
        if pd.root == root:
            return pd.index
    asid = (satp >> SATP_ASID_SHIFT) & 0xffff
    return asid - 1 if asid > 0 else None


def lookup(arg):
    arg = arg.strip()
    if not S.pds:
        raise gdb.GdbError("moat: no system: run moat-system REPORT [DIR...] first")
    for pd in S.pds:
        if pd.name == arg:
            return pd
    if arg.isdigit() and int(arg) < len(S.pds):
        return S.pds[int(arg)]
    raise gdb.GdbError("moat: no PD named '%s' (moat-pds lists them)" % arg)


def load(pd, quiet=False):
    if pd.elf is None:
        raise gdb.GdbError("moat: no ELF for PD '%s' (program '%s' not in %s)"
                           % (pd.name, pd.program, " ".join(S.dirs)))
    if S.loaded is not None and S.loaded[1] == pd.elf:
        S.loaded = (pd, pd.elf)  # two PDs of one program: nothing to swap
    else:
        if S.loaded is not None:
            gdb.execute("remove-symbol-file %s" % S.loaded[1], to_string=True)
            S.loaded = None
        gdb.execute("add-symbol-file %s" % pd.elf, to_string=True)
        S.loaded = (pd, pd.elf)
    if not quiet:
        msg("symbols of PD '%s' (index %d): %s" % (pd.name, pd.index, pd.elf))


class MoatSystem(gdb.Command):
    """moat-system REPORT [DIR...]: read the system from the tool's report (report.txt);
programs are looked for in the DIRs (default: the report's directory)."""

    def __init__(self):
        super().__init__("moat-system", gdb.COMMAND_USER, gdb.COMPLETE_FILENAME)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if not args:
            raise gdb.GdbError("usage: moat-system REPORT [DIR...]")
        S.pds = read_report(args[0])
        S.dirs = [os.path.abspath(d) for d in args[1:]] or [os.path.dirname(os.path.abspath(args[0]))]
        for pd in S.pds:
            pd.elf = find_elf(pd.program) if pd.program else None
        msg("%d protection domains: %s" % (len(S.pds), ", ".join(
            "%s%s" % (p.name, "" if p.elf else " (no ELF)") for p in S.pds)))


class MoatPd(gdb.Command):
    """moat-pd NAME|INDEX: load that PD's symbols in place of the previous PD's."""

    def __init__(self):
        super().__init__("moat-pd", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        load(lookup(arg))

    def complete(self, text, word):
        return [p.name for p in S.pds if p.name.startswith(text)]


class MoatPds(gdb.Command):
    """moat-pds: every PD with its state, priority and saved pc; `*` marks the kernel's
current PD, `satp` the address space loaded, `sym` the PD whose symbols are loaded."""

    def __init__(self):
        super().__init__("moat-pds", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        try:
            if reg("satp") == 0:
                raise gdb.error("the MMU is off: the kernel has not started (break kmain)")
            table = kernel_pds()
            cur = current_index()
        except gdb.error as e:
            msg("cannot read the kernel's PD table: %s; from the report:" % e)
            for pd in S.pds:
                gdb.write("  %2d %-16s %s\n" % (pd.index, pd.name, pd.elf or "? (%s)" % pd.program))
            return
        sat = satp_index()
        if not table:
            msg("the kernel has not read the image yet (npds is 0)")
        for i, name, state, prio, pc, _ in table:
            marks = []
            if i == cur:
                marks.append("current")
            if i == sat:
                marks.append("satp")
            if S.loaded is not None and S.loaded[0].index == i:
                marks.append("sym")
            st = STATES[state] if state < len(STATES) else str(state)
            pcs = "pc=%#x" % pc if i != cur or reg("pc") >= KERNEL_VBASE else "pc=%#x (live)" % reg("pc")
            elf = S.pds[i].elf if i < len(S.pds) and S.pds[i].elf else "?"
            gdb.write("%c %2d %-16s %-9s prio %3d %-24s %s%s\n" % (
                "*" if i == cur else " ", i, name, st, prio, pcs, os.path.basename(elf),
                "  [" + ", ".join(marks) + "]" if marks else ""))


class MoatBreak(gdb.Command):
    """moat-break LOCATION [PD]: break at LOCATION (in the symbols loaded now) only when
the hart runs in that PD's address space (default: the PD whose symbols are loaded).
Every PD is linked at the same addresses, so a plain break stops in any PD there."""

    def __init__(self):
        super().__init__("moat-break", gdb.COMMAND_BREAKPOINTS, gdb.COMPLETE_LOCATION)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if not args:
            raise gdb.GdbError("usage: moat-break LOCATION [PD]")
        if len(args) > 1:
            pd = lookup(args[1])
            if S.loaded is None or S.loaded[0].elf != pd.elf:
                load(pd)
        elif S.loaded is not None:
            pd = S.loaded[0]
        else:
            raise gdb.GdbError("moat: no PD's symbols loaded: moat-pd NAME, or moat-break LOCATION PD")
        _, sals = gdb.decode_line(args[0])
        if not sals:
            raise gdb.GdbError("moat: no location '%s' in PD '%s'" % (args[0], pd.name))
        for sal in sals:
            if sal.pc >= KERNEL_VBASE:
                raise gdb.GdbError("moat: '%s' is in the kernel: use break" % args[0])
        seen = set()
        for sal in sals:
            if sal.pc in seen:
                continue
            seen.add(sal.pc)
            b = PdBreakpoint("*%#x" % sal.pc, pd)
            msg("breakpoint %d: %s in PD '%s' only" % (b.number, args[0], pd.name))


class PdBreakpoint(gdb.Breakpoint):
    """moat-break's: it stops only in its PD's address space (satp's root page table,
or ASID = index + 1 without a report's root), and loads the PD's symbols before gdb
shows where it stopped."""

    def __init__(self, spec, pd):
        super().__init__(spec)
        self.pd = pd

    def stop(self):
        if satp_index() != self.pd.index:
            return False  # another PD at the same address
        if S.auto and (S.loaded is None or S.loaded[0] is not self.pd) and self.pd.elf:
            load(self.pd, quiet=True)
            msg("in PD '%s' (index %d): its symbols loaded from %s"
                % (self.pd.name, self.pd.index, self.pd.elf))
        return True


class MoatKernel(gdb.Command):
    """moat-kernel COMMAND: run COMMAND with the stub reading memory as S-mode with SUM
set, so kernel variables and the user half of the address space in satp both read."""

    def __init__(self):
        super().__init__("moat-kernel", gdb.COMMAND_DATA, gdb.COMPLETE_COMMAND)

    def invoke(self, arg, from_tty):
        with KernelView():
            gdb.execute(arg, from_tty)


class MoatTrace(gdb.Command):
    """moat-trace [FILE]: the kernel's IPC timeline, read from memory and printed as the
kernel dumps it (include/moat/trace.h), or written to FILE: `moat trace FILE` turns it
into Perfetto JSON and SVG. For a system that never halts: stop it anywhere, then this."""

    def __init__(self):
        super().__init__("moat-trace", gdb.COMMAND_DATA, gdb.COMPLETE_FILENAME)

    def invoke(self, arg, from_tty):
        lines = []
        with KernelView():
            # One core's ring is three globals; an SMP kernel's, trace_rings[core]
            # (kernel/trace.h), read up to what each published (done).
            try:
                try:
                    rings = gdb.parse_and_eval("trace_rings")
                    ncpus = int(gdb.parse_and_eval("ncpus"))
                    cores = [(rings[k]["ev"], int(rings[k]["done"])) for k in range(ncpus)]
                except gdb.error:
                    cores = [(gdb.parse_and_eval("trace_ev"),
                              int(gdb.parse_and_eval("trace_next")))]
            except gdb.error:
                raise gdb.GdbError("moat-trace: this kernel keeps no trace (a release or "
                                   "-DMOAT_NO_TRACE kernel)")
            pds = [(name, int(gdb.parse_and_eval("pds[%d].cpu" % i)))
                   for i, name, *_ in kernel_pds()]
            lines.append("moat: trace v2: %d pds, %d cpus" % (len(pds), len(cores)))
            lines += ["moat: trace pd %d cpu %d %s" % (i, cpu, name)
                      for i, (name, cpu) in enumerate(pds)]
            lines.append("moat: trace begin")
            inferior = gdb.selected_inferior()
            held = 0
            for k, (ring, n) in enumerate(cores):
                size = ring.type.sizeof // ring[0].type.sizeof
                first = n - min(n, size)
                lines.append("moat: trace cpu %d: %d events, %d lost" % (k, n - first, first))
                data = []
                for i in range(first, n):
                    e = ring[i % size]
                    data.append(bytes(inferior.read_memory(int(e.address), e.type.sizeof)).hex())
                for i in range(0, len(data), 4):
                    lines.append("moat: trace data " + "".join(data[i:i + 4]))
                held += n - first
            lines.append("moat: trace end")
        text = "\n".join(lines) + "\n"
        if arg.strip():
            with open(os.path.expanduser(arg.strip()), "w") as f:
                f.write(text)
            msg("moat-trace: %d events written to %s" % (held, arg.strip()))
        else:
            gdb.write(text)


class MoatAuto(gdb.Command):
    """moat-auto on|off: at each stop in user mode, load the running PD's symbols."""

    def __init__(self):
        super().__init__("moat-auto", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if arg.strip() not in ("on", "off"):
            raise gdb.GdbError("usage: moat-auto on|off")
        S.auto = arg.strip() == "on"


class MoatPdFunction(gdb.Function):
    """$moat_pd(): the index of the PD whose address space satp holds, or -1."""

    def __init__(self):
        super().__init__("moat_pd")

    def invoke(self):
        i = satp_index()
        return -1 if i is None else i


def on_stop(event):
    if not S.auto or not S.pds or not stopped():
        return
    try:
        if reg("pc") >= KERNEL_VBASE or reg("priv") != 0:
            return  # in the kernel (or OpenSBI): the kernel's symbols serve
        i = None
        try:
            i = current_index()
        except gdb.error:
            pass
        if i is None:
            i = satp_index()
        if i is None or i >= len(S.pds):
            return
        pd = S.pds[i]
        if S.loaded is not None and S.loaded[0] is pd:
            return
        if pd.elf is None:
            msg("stopped in PD '%s', whose ELF is not in the search path" % pd.name)
            return
        load(pd, quiet=True)
        msg("stopped in PD '%s' (index %d): its symbols loaded from %s" % (pd.name, i, pd.elf))
        gdb.execute("frame", to_string=False)
    except gdb.error as e:
        msg("could not tell which PD runs: %s" % e)


MoatSystem()
MoatPd()
MoatPds()
MoatTrace()
MoatBreak()
MoatKernel()
MoatAuto()
MoatPdFunction()
gdb.events.stop.connect(on_stop)
