# Rust protection domains against this SDK (docs/rust.md). In a Microkit-style
# Makefile, after MICROKIT_SDK, MICROKIT_BOARD, MICROKIT_CONFIG and BUILD_DIR:
#   include $(MICROKIT_SDK)/rust/rust.mk
# Then $(BUILD_DIR)/NAME.elf builds from NAME.rs, a crate using sel4_microkit.
# Set RUST_PD_FLAGS for more rustc flags (say, --extern for a crate of yours).
MICROKIT_RUST := $(MICROKIT_SDK)/rust
RUST_BOARD_LIB := $(MICROKIT_SDK)/board/$(MICROKIT_BOARD)/$(MICROKIT_CONFIG)/lib
# Debian's rustc, the one the SDK's core was built with (a rustup rustc first
# on PATH cannot read it).
RUSTC := /usr/bin/rustc
RUST_LD := riscv64-unknown-elf-ld
# 128-bit arithmetic and the like, which core calls and libgcc has.
RUST_LIBGCC := $(shell riscv64-unknown-elf-gcc -march=rv64imafdc_zicsr_zifencei -mabi=lp64d -print-libgcc-file-name)
RUSTFLAGS ?= -C opt-level=2 -g
RUST_PD_FLAGS ?=

$(BUILD_DIR)/%.elf: %.rs $(RUST_BOARD_LIB)/rust/libsel4_microkit.rlib $(RUST_BOARD_LIB)/libmicrokit.a
	$(RUSTC) --edition 2021 --target riscv64gc-unknown-none-elf --sysroot $(MICROKIT_RUST)/sysroot \
		--crate-type staticlib --crate-name $(subst -,_,$*) $(RUSTFLAGS) $(RUST_PD_FLAGS) \
		--extern sel4_microkit=$(RUST_BOARD_LIB)/rust/libsel4_microkit.rlib -L dependency=$(MICROKIT_RUST)/lib \
		--emit link=$(BUILD_DIR)/lib$*.a,dep-info=$(BUILD_DIR)/$*.rs.d $<
	$(RUST_LD) -L$(RUST_BOARD_LIB) --gc-sections $(RUST_BOARD_LIB)/microkit_set.o $(BUILD_DIR)/lib$*.a \
		-lmicrokit -Tmicrokit.ld $(RUST_LIBGCC) -o $@

-include $(wildcard $(BUILD_DIR)/*.rs.d)
