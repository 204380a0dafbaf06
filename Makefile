# caselink: every check CI runs is a target here; `make test` runs them all.
SHELL := /bin/bash
CARGO ?= cargo
PHASE = @echo "== $@" >&2; start=$$(date +%s);
DONE = ; echo "== $@ took $$(( $$(date +%s) - start ))s" | tee -a target/phase-times.txt >&2

.PHONY: test fmt-check clippy rust-test bench-smoke demo

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
