# caselink: every check CI runs is a target here; `make test` runs them all.
SHELL := /bin/bash
CARGO ?= cargo
PHASE = @echo "== $@" >&2; start=$$(date +%s);
DONE = ; rc=$$?; echo "== $@ took $$(( $$(date +%s) - start ))s (exit $$rc)" | tee -a target/phase-times.txt >&2; exit $$rc

.PHONY: test fmt-check clippy rust-test bench-smoke demo header c-example c-test python-venv python-build python-lint python-test python-spark-test

test: fmt-check clippy rust-test bench-smoke python-build python-lint python-test python-spark-test
	@echo "== slowest phases:" >&2; sort -t' ' -k4 -n -r target/phase-times.txt 2>/dev/null | head -10 >&2 || true

target:
	@mkdir -p target

fmt-check: | target
	$(PHASE) $(CARGO) fmt --all --check $(DONE)

clippy: | target
	$(PHASE) $(CARGO) clippy --workspace --all-targets --locked -- -D warnings $(DONE)

rust-test: | target
	$(PHASE) $(CARGO) test --workspace --locked $(DONE)

# Every criterion bench compiles and runs each benchmark once (criterion's test mode). The test
# profile keeps CI from building the LTO bench profile; `cargo bench` measures for real.
bench-smoke: | target
	$(PHASE) $(CARGO) test -p caselink-benches --benches --locked $(DONE)

demo:
	$(CARGO) run --release -- demo

# C bindings (bindings-c/README.md). TARGET_DIR follows CARGO_TARGET_DIR when it is set.
TARGET_DIR ?= $(or $(CARGO_TARGET_DIR),target)

# Regenerate bindings-c/include/caselink.h from the Rust sources (cbindgen); commit the result.
header: | target
	CASELINK_BLESS_HEADER=1 $(CARGO) test -p caselink-c --test header -- committed_header_is_up_to_date

# Build the library and run the C examples against the shared library.
c-example: | target
	$(CARGO) build -p caselink-c
	for ex in quickstart link_example; do \
		gcc -std=c11 -Wall -Wextra -Werror -Ibindings-c/include examples/c/$$ex.c \
			-L$(TARGET_DIR)/debug -lcaselink -Wl,-rpath,$(abspath $(TARGET_DIR))/debug -lpthread -ldl -lm \
			-o $(TARGET_DIR)/$$ex-c && $(TARGET_DIR)/$$ex-c || exit 1; \
	done

# Header drift check, then the C programs (gcc/g++, shared + static, valgrind); see bindings-c/tests/.
c-test: | target
	$(PHASE) $(CARGO) test -p caselink-c --locked --test header --test c_programs $(DONE)

# ---- Python package (bindings-python): a fresh venv in target/venv, the wheel built by maturin.
VENV := target/venv
PY := $(VENV)/bin/python
PY_DIRS := bindings-python/python bindings-python/tests benches/compare examples/python
PY_DEPS := maturin pytest numpy "pandas<3" polars pyarrow mypy ruff rapidfuzz pyspark

python-venv: | target
	$(PHASE) test -x $(PY) || python3 -m venv $(VENV); \
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip && \
	$(PY) -m pip install --quiet --disable-pip-version-check $(PY_DEPS) $(DONE)

python-build: python-venv
	$(PHASE) rm -rf target/wheels && \
	$(VENV)/bin/maturin build --release --locked --quiet --manifest-path bindings-python/Cargo.toml \
		--interpreter $(PY) --out target/wheels && \
	$(PY) -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/caselink-*.whl $(DONE)

python-lint: python-venv
	$(PHASE) $(VENV)/bin/ruff check --config bindings-python/pyproject.toml $(PY_DIRS) && \
	$(VENV)/bin/ruff format --check --config bindings-python/pyproject.toml $(PY_DIRS) && \
	(cd bindings-python && ../$(PY) -m mypy --config-file pyproject.toml python/caselink) && \
	(cd /tmp && $(CURDIR)/$(PY) -m mypy.stubtest --mypy-config-file $(CURDIR)/bindings-python/pyproject.toml caselink) $(DONE)

# Runs from outside the source tree so that the installed wheel is what gets imported.
python-test: python-venv
	$(PHASE) (cd /tmp && $(CURDIR)/$(PY) -m pytest -q -c $(CURDIR)/bindings-python/pyproject.toml \
		--rootdir $(CURDIR)/bindings-python --ignore=$(CURDIR)/bindings-python/tests/spark $(CURDIR)/bindings-python/tests) && \
	(cd /tmp && $(CURDIR)/$(PY) -c "import sys; sys.modules['pandas'] = None; sys.modules['polars'] = None; \
		import caselink; assert caselink.metrics.cpdist(['a'], ['a']).tolist() == [1.0]; \
		print('import caselink without pandas/polars: ok')") && \
	for f in $(CURDIR)/examples/python/*.py; do echo "example $$f"; $(CURDIR)/$(PY) $$f > /dev/null || exit 1; done $(DONE)

# caselink.spark on a local[2] Spark session (pyspark from PY_DEPS; needs Java 17, which .ci/run
# installs). Loopback only: SPARK_LOCAL_IP and the session's driver host/bind address.
python-spark-test: python-venv
	$(PHASE) (cd /tmp && SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON=$(CURDIR)/$(PY) timeout 900 $(CURDIR)/$(PY) -m pytest -q \
		-c $(CURDIR)/bindings-python/pyproject.toml --rootdir $(CURDIR)/bindings-python -m spark \
		$(CURDIR)/bindings-python/tests/spark) $(DONE)
