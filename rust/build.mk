# The SDK's Rust parts (docs/rust.md), included by the top Makefile:
#   $(SDK)/rust/sysroot    core, alloc and a compiler_builtins stand-in for
#                          riscv64gc-unknown-none-elf, built once from Debian's
#                          rust-src (RUSTC_BOOTSTRAP=1: stable rustc refuses to
#                          build the standard library otherwise)
#   $(SDK)/rust/lib        the #[protection_domain] proc macro (a host library)
#   <board>/<config>/lib/rust/libsel4_microkit.rlib
#                          the crate, per configuration (--cfg printing where
#                          the configuration prints)
#   $(SDK)/rust/rust.mk    what a Rust PD's Makefile includes
# Always Debian's rustc: a rustup rustc first on PATH cannot read these rlibs.
RUSTC       := /usr/bin/rustc
RUST_TARGET := riscv64gc-unknown-none-elf
RUST_LIBSRC  = /usr/src/rustc-$(shell $(RUSTC) --version | cut -d' ' -f2)/library
RUST_SYSROOT := $(SDK)/rust/sysroot
RUST_TLIB   := $(RUST_SYSROOT)/lib/rustlib/$(RUST_TARGET)/lib
RUST_STD    := --edition 2021 --target $(RUST_TARGET) -C opt-level=2 -C debuginfo=1 --crate-type rlib \
               --remap-path-prefix=$(abspath $(B))/rust/= --remap-path-prefix=$(B)/rust/=
RUST_MACROS := $(SDK)/rust/lib/libsel4_microkit_macros.so
# The crate is built from a copy beside abi.rs, the constants of
# include/moat/abi.h in Rust (generated: said once, in abi.h).
RUST_CRATE := $(B)/rust/sel4_microkit
RUST_CRATE_SRC := $(patsubst rust/%,$(B)/rust/%,$(wildcard rust/sel4_microkit/*.rs)) $(RUST_CRATE)/abi.rs
$(RUST_CRATE)/%.rs: rust/sel4_microkit/%.rs
	@mkdir -p $(@D)
	cp $< $@
$(RUST_CRATE)/abi.rs: include/moat/abi.h
	@mkdir -p $(@D)
	{ echo '// Generated from include/moat/abi.h by rust/build.mk: do not edit.'; \
	  awk '/^#define [A-Z][A-Z0-9_]* +\(?-?(0x)?[0-9a-f]+(UL)?( << [0-9]+)?\)? *(\/\/.*)?$$/ { \
		v = $$3; for (i = 4; i <= NF && $$i != "//"; i++) v = v " " $$i; gsub(/UL|[()]/, "", v); \
		print "pub const " $$2 ": " (v ~ /-/ ? "i64" : "u64") " = " v ";" }' $<; } >$@

$(RUST_TLIB)/libcore.rlib:
	@mkdir -p $(@D)
	RUSTC_BOOTSTRAP=1 $(RUSTC) $(RUST_STD) --crate-name core $(RUST_LIBSRC)/core/src/lib.rs -o $@
$(RUST_TLIB)/libcompiler_builtins.rlib: rust/compiler_builtins/lib.rs $(RUST_TLIB)/libcore.rlib
	RUSTC_BOOTSTRAP=1 $(RUSTC) $(RUST_STD) --sysroot $(RUST_SYSROOT) --crate-name compiler_builtins $< -o $@
$(RUST_TLIB)/liballoc.rlib: $(RUST_TLIB)/libcompiler_builtins.rlib
	RUSTC_BOOTSTRAP=1 $(RUSTC) $(RUST_STD) --sysroot $(RUST_SYSROOT) --crate-name alloc \
		$(RUST_LIBSRC)/alloc/src/lib.rs -o $@

$(RUST_MACROS): rust/sel4_microkit_macros/lib.rs
	@mkdir -p $(@D)
	$(RUSTC) --edition 2021 --crate-type proc-macro --crate-name sel4_microkit_macros -O $< -o $@

# The fragment, and the crate's source beside it for reading.
$(SDK)/rust/rust.mk: rust/rust.mk $(RUST_CRATE_SRC) rust/sel4_microkit_macros/lib.rs
	@mkdir -p $(@D)
	cp -r $(RUST_CRATE) rust/sel4_microkit_macros $(@D)/
	cp $< $@

# $(1): configuration
define rust_rules
$(B)/rust-$(1)/libsel4_microkit.rlib: $(RUST_CRATE_SRC) $(RUST_TLIB)/liballoc.rlib $(RUST_MACROS) \
		$(B)/lib-$(1)/include/kernel/gen_config.h
	@mkdir -p $$(@D)
	RUSTC_BOOTSTRAP=1 $(RUSTC) $(RUST_STD) --sysroot $(RUST_SYSROOT) --crate-name sel4_microkit \
		$$(if $$(shell grep 'define CONFIG_PRINTING' $(B)/lib-$(1)/include/kernel/gen_config.h),--cfg printing) \
		--extern sel4_microkit_macros=$(RUST_MACROS) $(RUST_CRATE)/lib.rs -o $$@
endef
$(foreach c,$(CONFIGS),$(eval $(call rust_rules,$(c))))
RUST_SDK := $(RUST_MACROS) $(SDK)/rust/rust.mk
