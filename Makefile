# moat: make (build everything)   make test   make simulate [EXAMPLE=name]   make simulate-gdb   make trace   make help
CROSS   ?= riscv64-unknown-elf-
CC      := $(CROSS)gcc
AR      := $(CROSS)ar
HOSTCC  ?= cc
QEMU    ?= qemu-system-riscv64
B       := build
BOARD   := qemu_virt_riscv64
CONFIG  ?= debug
EXAMPLE ?= ipc
SDK     := $(B)/sdk
BOARD_DIR = $(SDK)/board/$(BOARD)/$(1)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
KFLAGS  := -std=c11 -O2 -g $(WARN) -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany \
           -ffreestanding -nostdlib -fno-pie -fno-stack-protector -MMD -MP \
           -Iinclude -Ikernel -Ikernel/arch/riscv
# PD code is built as Microkit builds it: hard-float, freestanding.
PDARCH  := -march=rv64imafdc_zicsr_zifencei -mabi=lp64d
LFLAGS  := -std=c11 -O2 -g $(WARN) $(PDARCH) -ffreestanding -nostdlib -fno-pie -MMD -MP \
           -Iinclude -Ilib/include
# libtock programs (lib/tock) use picolibc for printf and malloc.
TFLAGS  := -std=c11 -O2 -g $(WARN) $(PDARCH) --specs=picolibc.specs -fno-pie -MMD -MP \
           -Iinclude -Ilib/include -Ilib/tock/include
QEMUFLAGS := -machine virt -nographic -bios default -no-reboot
# The smp-* configurations' board: QEMU virt with four harts.
QEMU_SMP = $(if $(filter smp-%,$(CONFIG)),-smp 4)

KSRC := $(wildcard kernel/*.c kernel/arch/riscv/*.c kernel/arch/riscv/*.S)
LSRC := $(wildcard lib/*.c lib/*.S)
TSRC := $(wildcard lib/tock/*.c lib/tock/*.S)
CONFIGS := debug release benchmark smp-debug smp-release smp-benchmark
# Kernels: one per configuration (benchmark: release plus the utilisation
# accounting and SYS_BENCH, -DMOAT_BENCHMARK), plus debug-nofast (the IPC fast path compiled
# out), which the system tests also boot to check both paths give the same results,
# and debug-stack-overflow, which overflows its stack at boot for tests/kernel
# (never in the SDK), and debug-notrace, debug-nofast-notrace and
# benchmark-notrace, those kernels without the IPC timeline (-DMOAT_NO_TRACE),
# which make bench-trace measures beside them.
KCONFIGS := $(CONFIGS) debug-nofast release-nofast debug-stack-overflow debug-notrace \
            debug-nofast-notrace benchmark-notrace
kdefs = $(if $(findstring debug,$(1)),-DMOAT_DEBUG) $(if $(findstring nofast,$(1)),-DMOAT_NO_FASTPATH) \
        $(if $(findstring notrace,$(1)),-DMOAT_NO_TRACE) \
        $(if $(findstring stack-overflow,$(1)),-DMOAT_TEST_STACK_OVERFLOW) \
        $(if $(findstring benchmark,$(1)),-DMOAT_BENCHMARK) \
        $(if $(findstring smp,$(1)),-DMOAT_NCPUS=4)

kobj = $(patsubst %,$(B)/kernel-$(1)/%.o,$(KSRC))
# The IPC fast paths keep the trapped PD's s0-s11 in the CPU
# (kernel/arch/riscv/arch_fast.h): their code must never use them.
KFIXED := $(foreach r,0 1 2 3 4 5 6 7 8 9 10 11,-ffixed-s$(r))
lobj = $(patsubst %,$(B)/lib-$(1)/%.o,$(LSRC))
tobj = $(patsubst %,$(B)/lib-$(1)/%.o,$(TSRC))

all: sdk examples

help:
	@echo "make            build the kernel, library, tool, SDK ($(SDK)) and examples"
	@echo "make simulate   boot examples/\$$(EXAMPLE) in QEMU (default: $(EXAMPLE)); Ctrl-A x quits;"
	@echo "                SYSTEM=dir boots your own (a directory with a Microkit-style Makefile)"
	@echo "make simulate-gdb  the same, stopped at its first instruction under gdb-multiarch"
	@echo "                with the kernel's symbols and tools/gdb/moat.py (docs/debugging.md);"
	@echo "                SYSTEM=dir, or IMAGE=img [KERNEL=elf] [REPORT=report.txt] [SEARCH=dirs], for your own system"
	@echo "make trace      boot the same with the IPC timeline, write trace.json (Perfetto) and"
	@echo "                trace.svg beside its image (docs/debugging.md, \"The timeline\"); CONFIG=debug,"
	@echo "                benchmark, smp-debug or smp-benchmark (a lane per PD, named with its core)"
	@echo "make test       install what is missing, run every test, print 'N passed, N failed'"
	@echo "make bench      run the IPC benchmarks under QEMU -icount (bench-nofast: general path;"
	@echo "                bench-trace: the debug and benchmark kernels with and without the trace)"
	@echo "make sdk        lay out a Microkit-style SDK in $(SDK)"
	@echo "make pictures   draw each example's system into examples/<name>/system.png"
	@echo "make fuzz       fuzz the kernel (fuzz-kernel: FUZZ_CALLS random system calls, SEED=N"
	@echo "                replays), the fast paths against the general path (fuzz-fastpath:"
	@echo "                FUZZ_DIFF_SEQS sequences) and the tool's XML and ELF input (for FUZZ_TIME seconds)"
	@echo "make clean"

deps:
	@scripts/install-deps.sh

# --- kernels and libraries ------------------------------------------------------
define kernel_rules
$(B)/kernel-$(1)/%.c.o: %.c
	@mkdir -p $$(@D)
	$(CC) $(KFLAGS) $(call kdefs,$(1)) $$(if $$(filter kernel/fastpath%,$$<),$(KFIXED)) -c $$< -o $$@
$(B)/kernel-$(1)/%.S.o: %.S
	@mkdir -p $$(@D)
	$(CC) $(KFLAGS) $(call kdefs,$(1)) -c $$< -o $$@
$(B)/kernel-$(1)/kernel.elf: $(call kobj,$(1)) kernel/arch/riscv/kernel.ld
	$(CC) $(KFLAGS) -T kernel/arch/riscv/kernel.ld -o $$@ $(call kobj,$(1)) -lgcc
endef
$(foreach c,$(KCONFIGS),$(eval $(call kernel_rules,$(c))))

# Each configuration's kernel/gen_config.h (lib/gen_config.sh), which
# sel4/sel4.h includes: the library is built against it, the SDK ships it.
define lib_rules
$(B)/lib-$(1)/include/kernel/gen_config.h: lib/gen_config.sh
	@mkdir -p $$(@D)
	lib/gen_config.sh $(1) > $$@
$(B)/lib-$(1)/%.c.o: %.c | $(B)/lib-$(1)/include/kernel/gen_config.h
	@mkdir -p $$(@D)
	$(CC) $(LFLAGS) -I$(B)/lib-$(1)/include -c $$< -o $$@
$(B)/lib-$(1)/%.S.o: %.S | $(B)/lib-$(1)/include/kernel/gen_config.h
	@mkdir -p $$(@D)
	$(CC) $(LFLAGS) -I$(B)/lib-$(1)/include -c $$< -o $$@
# The event loop again, handing each wake-up's notification word to one
# moat_notified_set() call: what Rust PDs link before -lmicrokit (docs/rust.md).
$(B)/lib-$(1)/microkit_set.o: lib/main.c | $(B)/lib-$(1)/include/kernel/gen_config.h
	$(CC) $(LFLAGS) -DMOAT_NOTIFIED_SET -I$(B)/lib-$(1)/include -c $$< -o $$@
$(B)/lib-$(1)/libmicrokit.a: $(call lobj,$(1))
	rm -f $$@
	$(AR) rcs $$@ $$^
$(B)/lib-$(1)/lib/tock/%.c.o: lib/tock/%.c | $(B)/lib-$(1)/include/kernel/gen_config.h
	@mkdir -p $$(@D)
	$(CC) $(TFLAGS) -I$(B)/lib-$(1)/include -c $$< -o $$@
$(B)/lib-$(1)/lib/tock/%.S.o: lib/tock/%.S | $(B)/lib-$(1)/include/kernel/gen_config.h
	@mkdir -p $$(@D)
	$(CC) $(TFLAGS) -I$(B)/lib-$(1)/include -c $$< -o $$@
$(B)/lib-$(1)/libtock.a: $(call tobj,$(1))
	rm -f $$@
	$(AR) rcs $$@ $$^
endef
$(foreach c,$(CONFIGS),$(eval $(call lib_rules,$(c))))

# Tock drivers served by PDs, which the SDK ships (board/<b>/<config>/drivers/;
# docs/lib.md): each drivers/tock_*/ is one Microkit program, linked with
# lib/tockdrv.o (the driver side of the protocol, which the SDK ships too)
# before libmicrokit, as a user's driver PD is.
DRIVERS := $(notdir $(wildcard drivers/tock_*))
define driver_rules
$(B)/lib-$(1)/drivers/$(2).elf: $(patsubst %,$(B)/lib-$(1)/%.o,$(wildcard drivers/$(2)/*.c)) \
		$(B)/lib-$(1)/lib/tockdrv/tockdrv.c.o $(B)/lib-$(1)/libmicrokit.a lib/microkit.ld
	$(CROSS)ld -o $$@ $$(filter %.o,$$^) -L$(B)/lib-$(1) -lmicrokit -Tlib/microkit.ld
endef
$(foreach c,$(CONFIGS),$(foreach d,$(DRIVERS),$(eval $(call driver_rules,$(c),$(d)))))
dobj = $(B)/lib-$(1)/lib/tockdrv/tockdrv.c.o $(patsubst %,$(B)/lib-$(1)/drivers/%.elf,$(DRIVERS))

# --- the tool ----------------------------------------------------------------
-include tools/moat/build.mk
-include tests/unit/build.mk

# --- SDK, laid out as Microkit's ---------------------------------------------
include rust/build.mk
HEADERS := $(shell find lib/include lib/tock/include -name '*.h') include/moat/abi.h \
	include/moat/tockdrv.h
define sdk_rules
$(call BOARD_DIR,$(1))/.stamp: $(B)/kernel-$(1)/kernel.elf $(B)/lib-$(1)/libmicrokit.a $(B)/lib-$(1)/microkit_set.o $(B)/rust-$(1)/libsel4_microkit.rlib \
		$(B)/lib-$(1)/libtock.a $(B)/lib-$(1)/include/kernel/gen_config.h lib/microkit.ld lib/tock/libtock.ld $(HEADERS) \
		$(call dobj,$(1))
	rm -rf $(call BOARD_DIR,$(1))
	mkdir -p $(call BOARD_DIR,$(1))/elf $(call BOARD_DIR,$(1))/lib \
		$(call BOARD_DIR,$(1))/include/kernel $(call BOARD_DIR,$(1))/include/moat \
		$(call BOARD_DIR,$(1))/drivers
	cp $(B)/kernel-$(1)/kernel.elf $(call BOARD_DIR,$(1))/elf/
	cp $(B)/lib-$(1)/libmicrokit.a lib/microkit.ld $(call BOARD_DIR,$(1))/lib/
	cp $(B)/lib-$(1)/libtock.a lib/tock/libtock.ld $(call BOARD_DIR,$(1))/lib/
	cp $(B)/lib-$(1)/microkit_set.o $(call BOARD_DIR,$(1))/lib/
	cp $(B)/lib-$(1)/lib/tockdrv/tockdrv.c.o $(call BOARD_DIR,$(1))/lib/tockdrv.o
	$(if $(DRIVERS),cp $(patsubst %,$(B)/lib-$(1)/drivers/%.elf,$(DRIVERS)) $(call BOARD_DIR,$(1))/drivers/)
	mkdir -p $(call BOARD_DIR,$(1))/lib/rust
	cp $(B)/rust-$(1)/libsel4_microkit.rlib $(call BOARD_DIR,$(1))/lib/rust/
	cp -r lib/include/. lib/tock/include/. $(call BOARD_DIR,$(1))/include/
	cp include/moat/abi.h include/moat/tockdrv.h $(call BOARD_DIR,$(1))/include/moat/
	cp $(B)/lib-$(1)/include/kernel/gen_config.h $(call BOARD_DIR,$(1))/include/kernel/
	touch $$@
endef
$(foreach c,$(CONFIGS),$(eval $(call sdk_rules,$(c))))

$(SDK)/bin/moat: $(B)/moat
	mkdir -p $(@D)
	cp $< $@
	ln -sf moat $(@D)/microkit

sdk: $(SDK)/bin/moat $(RUST_SDK) $(foreach c,$(CONFIGS),$(call BOARD_DIR,$(c))/.stamp)
	@echo "SDK ready: $(SDK)"

# --- examples: each has a Microkit-style Makefile run against the SDK ----------
# One build directory per configuration: an example's Makefile does not
# rebuild its image when only the configuration changes.
# The tool also draws each system beside its image, system.svg (moat --graph):
# the SDK's tool with that option is the MICROKIT_TOOL that the Makefile runs,
# and an image without its picture, or older than the tool, is built again
# (so a SYSTEM= whose Makefile runs the tool by another name, which can draw
# nothing, has its image built every time: only the tool runs again).
EXAMPLES := $(notdir $(wildcard examples/*))
example_img = $(B)/examples/$(CONFIG)/$(1)/loader.img
examples: $(foreach e,$(EXAMPLES),$(call example_img,$(e)))
# build_system DIR CONFIG: the recipe that makes the image $@ in DIR.
define build_system
@mkdir -p $(@D)
@[ $(@D)/system.svg -nt $(SDK)/bin/moat ] || rm -f $@
+$(MAKE) -C $(1) BUILD_DIR=$(abspath $(@D)) MICROKIT_SDK=$(abspath $(SDK)) \
	MICROKIT_BOARD=$(BOARD) MICROKIT_CONFIG=$(2) \
	MICROKIT_TOOL="$(abspath $(SDK))/bin/microkit --graph $(abspath $(@D))/system.svg"
endef
define example_rules
$(B)/examples/$(1)/%/loader.img: sdk FORCE
	$$(call build_system,examples/$$*,$(1))
endef
$(foreach c,$(CONFIGS),$(eval $(call example_rules,$(c))))

# Each example's picture, committed as examples/<name>/system.png (shown in
# its README): tests/pictures renders them, and checks them (test-pictures).
pictures: examples
	UPDATE=1 tests/pictures/run.sh $(B)/examples/$(CONFIG)

# SYSTEM=<dir>: a system of one's own, built as the examples are (its
# Microkit-style Makefile against the SDK) into build/systems/<config>/<dir's name>.
# The directory's file qemu_args, if any, holds more QEMU arguments (a device
# it drives: examples/tock_ipc_tutorial's virtio-rng), as a system test's.
system_img = $(B)/systems/$(CONFIG)/$(notdir $(abspath $(SYSTEM)))/loader.img
sim_img = $(if $(SYSTEM),$(system_img),$(call example_img,$(EXAMPLE)))
sim_what = $(if $(SYSTEM),$(SYSTEM),examples/$(EXAMPLE))
sim_check = if [ -n "$(SYSTEM)" ]; then \
		[ -f "$(SYSTEM)/Makefile" ] || { echo "moat: SYSTEM=$(SYSTEM): no Makefile there (a directory with a Microkit-style Makefile and its .system file)"; exit 2; }; \
	elif [ ! -d "examples/$(EXAMPLE)" ]; then \
		echo "moat: EXAMPLE=$(EXAMPLE): no such example; the examples are: $(EXAMPLES)"; exit 2; \
	fi
sim_qemu = $(QEMU) $(QEMUFLAGS) $(QEMU_SMP) $(shell cat $(sim_what)/qemu_args 2>/dev/null) -kernel $(sim_img)
# The console goes through `moat symbolize`, which adds to each fault report
# the function and line of its pc and ra (docs/debugging.md, "Debugging a
# fault"); the exit status is QEMU's.
simulate: deps
	@$(sim_check)
	$(MAKE) $(sim_img)
	@if [ -f $(dir $(sim_img))system.svg ]; then echo "moat: the system drawn: $(abspath $(dir $(sim_img)))/system.svg"; \
	else echo "moat: no picture of the system (its Makefile does not run \$$(MICROKIT_TOOL))"; fi
	@echo "moat: booting $(sim_what) ($(shell $(QEMU) --version | head -1)); Ctrl-A x quits"
	{ $(sim_qemu); echo $$? >$(B)/simulate.status; } | \
		$(SDK)/bin/moat symbolize $(dir $(sim_img))report.txt $(dir $(sim_img)) $(call BOARD_DIR,$(CONFIG))/drivers; \
		exit $$(cat $(B)/simulate.status)

# The IPC timeline of the same system (docs/debugging.md, "The timeline"):
# booted with -icount (exact instruction counts, the same run every time)
# for at most TRACE_TIME seconds, its console kept in trace.log beside the
# image and shown without the trace's lines (through moat symbolize, as
# simulate's), and `moat trace` writes trace.json (open it in
# ui.perfetto.dev) and trace.svg there. The kernel dumps its trace when the
# system halts; one that never halts must call moat_trace_dump() itself.
# CONFIG=debug (the default), benchmark, smp-debug or smp-benchmark (a ring
# per core, merged: a lane per PD named with its core, an idle lane a core).
TRACE_TIME ?= 10
trace_dir = $(patsubst %/,%,$(dir $(sim_img)))
trace: deps
	@$(sim_check)
	@case "$(CONFIG)" in *release) echo "moat: CONFIG=$(CONFIG): a release kernel records no trace (debug, benchmark, smp-debug or smp-benchmark)"; exit 2;; esac
	$(MAKE) $(sim_img) $(B)/moat
	@echo "moat: tracing $(sim_what) for at most $(TRACE_TIME) s ($(shell $(QEMU) --version | head -1))"
	timeout -k 5 $(TRACE_TIME) $(sim_qemu) -icount shift=0 </dev/null | tee $(trace_dir)/trace.log | \
		grep -v 'moat: trace ' | \
		$(SDK)/bin/moat symbolize $(trace_dir)/report.txt $(trace_dir) $(call BOARD_DIR,$(CONFIG))/drivers || true
	$(B)/moat trace $(trace_dir)/trace.log -o $(trace_dir)/trace.json --svg $(trace_dir)/trace.svg
	@echo "moat: wrote $(trace_dir)/trace.json (ui.perfetto.dev) and $(trace_dir)/trace.svg"

$(B)/systems/$(CONFIG)/%/loader.img: sdk FORCE
	$(call build_system,$(SYSTEM),$(CONFIG))

# The same under gdb (docs/debugging.md): QEMU waits at its first instruction
# with its gdb stub on GDBPORT, gdb-multiarch has the kernel's symbols and
# tools/gdb/moat.py, which loads a PD's symbols (moat-pd NAME). IMAGE=<img>
# debugs a system of your own: KERNEL is the kernel ELF it was built with
# (default: this configuration's SDK kernel), REPORT the tool's report
# (default: report.txt beside IMAGE), SEARCH the directories of its PDs' ELFs
# (default: the report's). GDB_ARGS="-n" starts QEMU alone and prints the gdb
# command, for another terminal.
GDBPORT ?= $(shell echo $$((25000 + $$(id -u) % 5000)))
simulate-gdb: deps
	$(if $(IMAGE),,$(MAKE) $(sim_img))
	tools/gdb/debug.sh -p $(GDBPORT) -k $(or $(KERNEL),$(call BOARD_DIR,$(CONFIG))/elf/kernel.elf) \
		$(if $(REPORT),-r $(REPORT)) $(foreach d,$(SEARCH),-d $(d)) $(GDB_ARGS) \
		$(or $(IMAGE),$(sim_img))

# --- tests -------------------------------------------------------------------
# Every suite runs even if an earlier one fails; each prints `ok ...` or
# `FAIL ...` lines, and a suite that exits non-zero adds a FAIL line of its own.
SUITES := test-unit test-tool test-trace test-pictures test-system test-model test-bench test-kernel \
	test-harness test-tutorial test-gdb test-fuzz
test: deps
	@mkdir -p $(B)
	@for s in $(SUITES); do \
		$(MAKE) --no-print-directory $$s || echo "FAIL $$s: exited with status $$?"; \
	done 2>&1 | tee $(B)/test.log
	@scripts/tally.sh $(B)/test.log

# Every system three times: on the SDK's debug kernel, on one without the IPC
# fast path, and on the release kernel (tests/system/run.sh says how a
# release run is judged without SYS_DEBUG_HALT); then the systems marked
# for it (a file `benchmark` in their directory) on the benchmark kernel;
# then on smp-debug the multicore systems and SMP_ONE_CORE, systems whose
# PDs are all on core 0, which check the SMP kernel on one core (make
# test-system SMP_ONE_CORE=all boots every system so; each passes), and on
# smp-release the multicore ones, and on smp-benchmark those of them marked
# `benchmark` too.
SMP_SYSTEMS = $(notdir $(patsubst %/smp,%,$(wildcard tests/system/*/smp)))
SMP_ONE_CORE ?= ppc passive passive_budget nested notify_order faults restart round_robin budgets \
	fastpath sel4_calls syscall_errors irq_mask svc_share_perm svc_unshare tock_console_read tock_rng caps \
	trace
test-system: sdk $(B)/kernel-debug-nofast/kernel.elf
	tests/system/run.sh; a=$$?; \
	KERNEL=$(abspath $(B)/kernel-debug-nofast/kernel.elf) SUFFIX=/nofast tests/system/run.sh; \
	b=$$?; CONFIG=release SUFFIX=/release tests/system/run.sh; \
	c=$$?; CONFIG=benchmark SUFFIX=/benchmark tests/system/run.sh; \
	d=$$?; CONFIG=smp-debug SUFFIX=/smp-debug SMP_ALL=1 ONLY="$(if $(filter all,$(SMP_ONE_CORE)),,$(SMP_ONE_CORE) $(SMP_SYSTEMS))" tests/system/run.sh; \
	e=$$?; CONFIG=smp-release SUFFIX=/smp-release tests/system/run.sh; \
	f=$$?; CONFIG=smp-benchmark SUFFIX=/smp-benchmark tests/system/run.sh; \
	g=$$?; [ $$a = 0 ] && [ $$b = 0 ] && [ $$c = 0 ] && [ $$d = 0 ] && [ $$e = 0 ] && [ $$f = 0 ] && \
	[ $$g = 0 ]

# moat trace: its diagnostics, its output from made-up logs, and the JSON
# and SVG of tests/system/trace's console (tests/trace).
test-trace: sdk $(B)/moat
	tests/trace/run.sh $(B)/moat

# The kernel's own address space: its mappings read from QEMU's monitor, and
# a kernel that overflows its stack at boot (tests/kernel).
test-kernel: sdk $(B)/kernel-debug-stack-overflow/kernel.elf
	tests/kernel/run.sh

# The system-test runner judged: systems it must report failing (tests/harness).
test-harness: sdk
	tests/harness/run.sh

# The kernel fuzzed: tests/system/fuzz (a hostile PD's random system calls
# beside an honest PD) with FUZZ_CALLS calls and a random seed (SEED=N
# replays one), on the debug and debug-nofast kernels side by side, then on
# the release kernel; the builds and console logs of a failed run are kept
# in $(B)/fuzz-kernel/seed<N>/. make test runs the same system with
# 100,000 calls and seed 1 (test-system); make fuzz runs this besides the
# tool's libFuzzer target.
FUZZ_CALLS ?= 2000000
fuzz-kernel: sdk $(B)/kernel-debug-nofast/kernel.elf
	@seed=$(SEED); [ -n "$$seed" ] || seed=$$(od -An -N4 -tu4 /dev/urandom | tr -d ' '); \
	echo "fuzz-kernel: $(FUZZ_CALLS) calls, seed $$seed (make fuzz-kernel SEED=$$seed FUZZ_CALLS=$(FUZZ_CALLS) replays it)"; \
	export PD_CFLAGS="-DFUZZ_SEED=$$seed -DFUZZ_CALLS=$(FUZZ_CALLS)" TIMEOUT=$$((60 + $(FUZZ_CALLS) / 1000)); \
	d=$(B)/tests/system/fuzz/seed$$seed; rm -rf $$d; mkdir -p $$d; \
	SUFFIX=/seed$$seed/debug tests/system/run.sh fuzz >$$d/debug.log 2>&1 & a=$$!; \
	KERNEL=$(abspath $(B)/kernel-debug-nofast/kernel.elf) SUFFIX=/seed$$seed/nofast \
		tests/system/run.sh fuzz >$$d/nofast.log 2>&1; b=$$?; \
	wait $$a; a=$$?; cat $$d/debug.log $$d/nofast.log; \
	CONFIG=release SUFFIX=/seed$$seed/release tests/system/run.sh fuzz; c=$$?; \
	[ $$a = 0 ] && [ $$b = 0 ] && [ $$c = 0 ] && { rm -rf $$d; exit 0; }; \
	rm -rf $(B)/fuzz-kernel/seed$$seed; mkdir -p $(B)/fuzz-kernel; mv $$d $(B)/fuzz-kernel/; \
	echo "fuzz-kernel: seed $$seed failed; its builds and logs are in $(B)/fuzz-kernel/seed$$seed"; exit 1
ifneq ($(FUZZ_KERNEL),no)
fuzz: fuzz-kernel fuzz-fastpath fuzz-model
endif
fuzz-model:
	@$(MAKE) --no-print-directory test-model MODEL_WORK=2

# The examples' pictures looked at as a person would (tests/pictures).
test-pictures: examples
	tests/pictures/run.sh $(B)/examples/$(CONFIG)

# The fast paths against the general path (tests/unit/test_fastpath.c):
# FUZZ_DIFF_SEQS random sequences of system calls from a random first seed
# (SEED=N replays them); make test runs 3,000 from seed 1.
FUZZ_DIFF_SEQS ?= 1000000
fuzz-fastpath: $(B)/unit/fast/test_fastpath
	@seed=$(SEED); [ -n "$$seed" ] || seed=$$(od -An -N4 -tu4 /dev/urandom | tr -d ' '); \
	echo "fuzz-fastpath: $(FUZZ_DIFF_SEQS) sequences from seed $$seed (make fuzz-fastpath SEED=$$seed replays them)"; \
	MOAT_DIFF_SEED=$$seed MOAT_DIFF_SEQS=$(FUZZ_DIFF_SEQS) $< "test_fast_and_general_paths_agree*"

# The debugger: examples/ipc under gdb-multiarch in batch mode (tests/gdb).
test-gdb: sdk
	tests/gdb/run.sh

# docs/tutorial.md, followed as a reader would (its own system, make simulate SYSTEM=).
test-tutorial: sdk
	tests/tutorial/run.sh

# The tool's libFuzzer target for a short bounded time (make fuzz runs it
# longer, and fuzz-kernel too).
TEST_FUZZ_TIME ?= 15
test-fuzz:
	@if $(MAKE) --no-print-directory fuzz FUZZ_KERNEL=no FUZZ_TIME=$(TEST_FUZZ_TIME) >$(B)/fuzz.log 2>&1; then \
		echo "ok fuzz/sdf: $$(grep -o 'Done [0-9]* runs' $(B)/fuzz.log) in $(TEST_FUZZ_TIME) s, no crash"; \
	else echo "FAIL fuzz/sdf: see $(B)/fuzz.log"; tail -n 20 $(B)/fuzz.log; exit 1; fi

# Benchmarks print `<name> <value> instructions` (QEMU -icount: exact guest
# instruction counts); docs/bench.md records them next to seL4's.
# `make bench-nofast` measures the general path (the fast path compiled out).
bench: deps
	@$(MAKE) --no-print-directory sdk >/dev/null
	bench/run.sh
	bench/scale.sh

# The SMP kernel's cross-core wake-up and halt protocol, checked by spin
# (tests/model/wakeup.pml): safety and that every run halts. MODEL_WORK=2
# (make fuzz) explores longer runs.
MODEL_WORK ?= 1
test-model: deps
	@d=$(B)/model; rm -rf $$d; mkdir -p $$d; cp tests/model/wakeup.pml $$d/; \
	if (cd $$d && spin -DWORK=$(MODEL_WORK) -a wakeup.pml >spin.log 2>&1 && \
		cc -O2 -w -o pan pan.c && ./pan -a -f -m1000000 >pan.log 2>&1) && \
		grep -q 'errors: 0' $$d/pan.log; then \
		echo "ok model/wakeup: $$(grep -o '[0-9]* states, stored' $$d/pan.log), no error"; \
	else echo "FAIL model/wakeup: see $$d/pan.log"; tail -n 20 $$d/pan.log; exit 1; fi

# The fast paths are taken where bench/baseline.txt says (bench/check.sh), on
# the release kernel and on the debug kernel, whose IPC timeline must not
# send them to the general path.
test-bench: sdk $(B)/kernel-release-nofast/kernel.elf $(B)/kernel-debug-nofast/kernel.elf
	@bench/check.sh; a=$$?; \
	FAST=$(abspath $(B))/kernel-debug/kernel.elf GENERAL=$(abspath $(B))/kernel-debug-nofast/kernel.elf \
		NAME=bench-trace bench/check.sh; b=$$?; [ $$a = 0 ] && [ $$b = 0 ]

bench-nofast: deps
	@$(MAKE) --no-print-directory sdk $(B)/kernel-release-nofast/kernel.elf >/dev/null
	KERNEL=$(abspath $(B)/kernel-release-nofast/kernel.elf) bench/run.sh

# What the IPC timeline costs (docs/bench.md): every figure on the debug
# kernel, the debug kernel without the fast path and the benchmark kernel,
# each built without it (-DMOAT_NO_TRACE) and with it, side by side.
TRACE_KERNELS := debug-notrace debug debug-nofast-notrace debug-nofast benchmark-notrace benchmark
bench-trace: deps
	@$(MAKE) --no-print-directory sdk $(foreach k,$(TRACE_KERNELS),$(B)/kernel-$(k)/kernel.elf) >/dev/null
	@mkdir -p $(B)/bench; for k in $(TRACE_KERNELS); do \
		KERNEL=$(abspath $(B))/kernel-$$k/kernel.elf bench/run.sh >$(B)/bench/$$k.out || exit 1; \
		grep ' instructions$$' $(B)/bench/$$k.out >$(B)/bench/$$k.txt; \
	done
	@printf '%-30s %13s %6s %20s %12s %17s %9s\n' figure $(TRACE_KERNELS)
	@paste $(foreach k,$(TRACE_KERNELS),$(B)/bench/$(k).txt) | \
		awk '{ printf "%-30s %13s %6s %20s %12s %17s %9s\n", $$1, $$2, $$5, $$8, $$11, $$14, $$17 }'

clean:
	rm -rf $(B)

FORCE:
.PHONY: all help deps sdk examples pictures simulate simulate-gdb trace test test-unit test-tool test-trace \
	test-pictures test-system test-model test-kernel test-harness test-tutorial test-gdb test-fuzz \
	test-bench bench bench-nofast bench-trace fuzz fuzz-kernel fuzz-fastpath fuzz-model clean FORCE
-include $(shell find $(B) -name '*.d' 2>/dev/null)
