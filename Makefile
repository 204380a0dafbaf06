# caselink: every check CI runs is a target here; `make test` runs them all.
SHELL := /bin/bash
CARGO ?= cargo
PHASE = @echo "== $@" >&2; start=$$(date +%s);
DONE = ; echo "== $@ took $$(( $$(date +%s) - start ))s" | tee -a target/phase-times.txt >&2

.PHONY: test fmt-check clippy rust-test bench-smoke demo header c-example c-test

test: fmt-check clippy rust-test bench-smoke
	@echo "== slowest phases:" >&2; sort -t' ' -k4 -n -r target/phase-times.txt 2>/dev/null | head -10 >&2 || true

target:
	@mkdir -p target

fmt-check: | target
	$(PHASE) $(CARGO) fmt --all --check $(DONE)

clippy: | target
	$(PHASE) $(CARGO) clippy --workspace --all-targets --locked -- -D warnings $(DONE)

rust-test: | target
	$(PHASE) $(CARGO) test --workspace --locked $(DONE)

bench-smoke: | target
	$(PHASE) $(CARGO) bench -p caselink-benches --locked -- --test $(DONE)

demo:
	$(CARGO) run --release -- demo

# C bindings (bindings-c/README.md). TARGET_DIR follows CARGO_TARGET_DIR when it is set.
TARGET_DIR ?= $(or $(CARGO_TARGET_DIR),target)

# Regenerate bindings-c/include/caselink.h from the Rust sources (cbindgen); commit the result.
header: | target
	CASELINK_BLESS_HEADER=1 $(CARGO) test -p caselink-c --test header -- committed_header_is_up_to_date

# Build the library and run the C example against the shared library.
c-example: | target
	$(CARGO) build -p caselink-c
	gcc -std=c11 -Wall -Wextra -Werror -Ibindings-c/include examples/c/quickstart.c \
		-L$(TARGET_DIR)/debug -lcaselink -Wl,-rpath,$(abspath $(TARGET_DIR))/debug -lpthread -ldl -lm \
		-o $(TARGET_DIR)/quickstart-c
	$(TARGET_DIR)/quickstart-c

# Header drift check, then the C programs (gcc/g++, shared + static, valgrind); see bindings-c/tests/.
c-test: | target
	$(PHASE) $(CARGO) test -p caselink-c --locked --test header --test c_programs $(DONE)
