# moat host tool: included by the top Makefile (which defines B and HOSTCC).
# Targets: $(B)/moat, test-tool, fuzz.
B        ?= build
HOSTCC   ?= cc
CROSS    ?= riscv64-unknown-elf-
FUZZ_CC  ?= clang
FUZZ_TIME ?= 30

MOAT_SRC    := $(wildcard tools/moat/*.c)
MOAT_LIB    := $(filter-out tools/moat/main.c,$(MOAT_SRC))
MOAT_XML    := $(shell pkg-config --cflags libxml-2.0)
MOAT_XMLLIB := $(shell pkg-config --libs libxml-2.0)
MOAT_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -O2 -g -Iinclude $(MOAT_XML)
MOAT_HDRS   := $(wildcard tools/moat/*.h) include/moat/abi.h include/moat/image.h

$(B)/moat: $(MOAT_SRC) $(MOAT_HDRS) tools/moat/build.mk
	@mkdir -p $(@D)
	$(HOSTCC) $(MOAT_CFLAGS) -o $@ $(MOAT_SRC) $(MOAT_XMLLIB)

# Fixtures for the golden tests: a stand-in kernel and tiny PD programs,
# assembled from tests/tool/*.S with linker scripts so their layout is exact.
TOOL_T   := $(B)/tests/tool
TOOL_RV  := -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -mcmodel=medany -nostdlib -ffreestanding
TOOL_PDS := $(patsubst tests/tool/pd/%.S,$(TOOL_T)/%.elf,$(wildcard tests/tool/pd/*.S))

$(TOOL_T)/kernel.elf: tests/tool/kernel/kernel.S tests/tool/kernel/kernel.ld
	@mkdir -p $(@D)
	$(CROSS)gcc $(TOOL_RV) -T tests/tool/kernel/kernel.ld -o $@ $<
$(TOOL_T)/%.elf: tests/tool/pd/%.S tests/tool/pd/pd.ld
	@mkdir -p $(@D)
	$(CROSS)gcc $(TOOL_RV) -T tests/tool/pd/pd.ld -o $@ $<

# sdk: the image-type cases boot each image type on the SDK's debug kernel.
test-tool: sdk $(B)/moat $(TOOL_T)/kernel.elf $(TOOL_PDS)
	tests/tool/run.sh $(B)/moat $(TOOL_T)/kernel.elf $(TOOL_T)

# libFuzzer: XML and a PD ELF in one input, run in-process for FUZZ_TIME s.
$(B)/fuzz-sdf: tests/fuzz/fuzz_sdf.c $(MOAT_LIB) $(MOAT_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -Iinclude -iquote tools/moat $(MOAT_XML) \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -o $@ tests/fuzz/fuzz_sdf.c $(MOAT_LIB) $(MOAT_XMLLIB)

fuzz: $(B)/fuzz-sdf $(TOOL_PDS)
	rm -rf $(B)/fuzz-corpus && mkdir -p $(B)/fuzz-corpus
	tests/fuzz/seed.sh $(B)/fuzz-corpus $(TOOL_T)/ping.elf tests/tool/ok/*.xml tests/tool/err/*.xml
	$(B)/fuzz-sdf -max_total_time=$(FUZZ_TIME) -rss_limit_mb=2048 -artifact_prefix=$(B)/fuzz- \
	    $(B)/fuzz-corpus

.PHONY: test-tool fuzz
