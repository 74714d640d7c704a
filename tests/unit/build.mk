# Host unit tests of the portable core (tests/unit/), included by the top
# Makefile. One cmocka binary per module, each linking the whole core
# (kernel/*.c but main.c) against fake_arch.c. Everything is built twice: as
# the debug kernel (-DMOAT_DEBUG) into $(B)/unit/, and without it into
# $(B)/unit/release/; `make test-unit` runs both and prints TAP lines.
# Alone: make -f tests/unit/build.mk B=build test-unit
B        ?= build
HOSTCC   ?= cc

UNIT_CFLAGS  := -std=c11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
                -fno-sanitize-recover=all -Iinclude -Ikernel -Itests/unit -MMD -MP
UNIT_SRC     := $(addprefix kernel/,sched.c ipc.c pd.c syscall.c printk.c) \
                tests/unit/fake_arch.c tests/unit/world.c
UNIT_MODULES := sched ipc syscall pd
UNIT_BINS    := $(foreach m,$(UNIT_MODULES),$(B)/unit/test_$(m) $(B)/unit/release/test_$(m))

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

unit-build: $(UNIT_BINS)

# Run every binary even if one fails; fail at the end if any did.
test-unit: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_BINS); do \
		echo "# $$t"; \
		CMOCKA_MESSAGE_OUTPUT=TAP $$t || fail=1; \
	done; exit $$fail

.PHONY: unit-build test-unit
# Keep the objects (make would delete them as intermediate files).
.SECONDARY: $(foreach d,$(B)/unit $(B)/unit/release,$(patsubst %.c,$(d)/obj/%.o,$(UNIT_SRC) \
            $(foreach m,$(UNIT_MODULES),tests/unit/test_$(m).c)))
-include $(shell find $(B)/unit -name '*.d' 2>/dev/null)
