# Host unit tests of the portable core (tests/unit/), included by the top
# Makefile. One cmocka binary per module, each linking the whole core
# (kernel/*.c but main.c) against fake_arch.c. Everything is built three
# times: as the debug kernel (-DMOAT_DEBUG) into $(B)/unit/, without it into
# $(B)/unit/release/, and as debug with system calls entered as trap.S
# enters them, through the IPC fast path (-DWORLD_FASTPATH), into
# $(B)/unit/fast/ (only the modules that make system calls, and test_fastpath,
# which proves the fast paths run and agree with the general path); the other two
# call syscall(), the reference path. test_bench is built as the benchmark
# kernel (-DMOAT_BENCHMARK) into $(B)/unit/bench/, and test_smp as the SMP
# kernel on the host (threads as cores) under ThreadSanitizer into $(B)/unit/smp/. test_trace (the IPC timeline,
# which release kernels have none of) is built as debug, both ways, and as
# the benchmark kernel.
# `make test-unit` runs them all and prints TAP lines.
# Alone: make -f tests/unit/build.mk B=build test-unit
B        ?= build
HOSTCC   ?= cc

UNIT_CFLAGS  := -std=c11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
                -fno-sanitize-recover=all -Iinclude -Ikernel -Itests/unit -MMD -MP
UNIT_SRC     := $(filter-out kernel/main.c,$(wildcard kernel/*.c)) \
                tests/unit/fake_arch.c tests/unit/world.c
UNIT_MODULES := sched ipc syscall pd irq child svc console
UNIT_DIRS    := $(B)/unit $(B)/unit/release $(B)/unit/fast $(B)/unit/bench $(B)/unit/smp
UNIT_BINS    := $(foreach d,$(B)/unit $(B)/unit/release,$(foreach m,$(UNIT_MODULES),$(d)/test_$(m))) \
                $(B)/unit/fast/test_ipc $(B)/unit/fast/test_syscall $(B)/unit/fast/test_irq $(B)/unit/fast/test_child \
                $(B)/unit/fast/test_svc $(B)/unit/fast/test_console $(B)/unit/fast/test_fastpath \
                $(B)/unit/bench/test_bench \
                $(B)/unit/test_trace $(B)/unit/fast/test_trace $(B)/unit/bench/test_trace

# $(1): output directory, $(2): extra flags.
define unit_rules
$(1)/obj/%.o: %.c
	@mkdir -p $$(@D)
	$$(HOSTCC) $$(UNIT_CFLAGS) $(2) -c $$< -o $$@
$(1)/test_%: $(1)/obj/tests/unit/test_%.o $(patsubst %.c,$(1)/obj/%.o,$(UNIT_SRC))
	$$(HOSTCC) $$(UNIT_CFLAGS) -o $$@ $$^ -lcmocka
endef
$(eval $(call unit_rules,$(B)/unit,-DMOAT_DEBUG))
$(eval $(call unit_rules,$(B)/unit/release,))
$(eval $(call unit_rules,$(B)/unit/fast,-DMOAT_DEBUG -DWORLD_FASTPATH))
$(eval $(call unit_rules,$(B)/unit/bench,-DMOAT_BENCHMARK))

# The SMP kernel's cross-core paths, four threads as four cores, under
# ThreadSanitizer (test_smp.c): the core built with -DMOAT_NCPUS=4.
SMP_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -fsanitize=thread -Iinclude -Ikernel -Itests/unit \
              -DMOAT_DEBUG -DMOAT_NCPUS=4 -DMOAT_HOST_SMP -MMD -MP
SMP_SRC := $(filter-out kernel/main.c,$(wildcard kernel/*.c)) tests/unit/fake_arch.c tests/unit/test_smp.c
$(B)/unit/smp/obj/%.o: %.c
	@mkdir -p $(@D)
	$(HOSTCC) $(SMP_CFLAGS) -c $< -o $@
$(B)/unit/smp/test_smp: $(patsubst %.c,$(B)/unit/smp/obj/%.o,$(SMP_SRC))
	$(HOSTCC) $(SMP_CFLAGS) -o $@ $^ -lpthread -lcmocka
UNIT_BINS += $(B)/unit/smp/test_smp

unit-build: $(UNIT_BINS)

# Run every binary even if one fails; fail at the end if any did. A binary
# that dies before cmocka's closing "# ok - group" line (a sanitizer report,
# a crash) gets a "not ok" line of its own, so the tally sees it.
test-unit: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_BINS); do \
		echo "# $$t"; \
		CMOCKA_MESSAGE_OUTPUT=TAP $$t > $$t.tap 2>&1 || fail=1; \
		cat $$t.tap; \
		grep -q '^# \(not \)\{0,1\}ok - ' $$t.tap || echo "not ok - $$t died (see above)"; \
	done; exit $$fail

.PHONY: unit-build test-unit
# Keep the objects (make would delete them as intermediate files).
.SECONDARY: $(foreach d,$(UNIT_DIRS),$(patsubst %.c,$(d)/obj/%.o,$(UNIT_SRC) \
            $(foreach m,$(UNIT_MODULES) bench fastpath trace,tests/unit/test_$(m).c)))
-include $(shell find $(B)/unit -name '*.d' 2>/dev/null)
