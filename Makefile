# The README's two commands are `make demo` and `make test`; each installs what it needs.
PORT ?= 8080
export CHROMIUM ?= /usr/bin/chromium
export CHROMEDRIVER ?= /usr/bin/chromedriver

# Rewrites docs/dialects/*.md from the declarations (a test fails when they are stale).
docs:
	TASKSTATUS_WRITE_DOCS=1 cargo test --quiet --test docs

.PHONY: docs fuzz screenshot demo build test test-rust test-wasm test-js test-cli test-page test-consumer setup-build setup-test bench fmt

demo: build
	node scripts/serve.mjs --port $(PORT)

build: setup-build
	scripts/build.sh

setup-build:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

# Every suite runs even when an earlier one fails; the target fails if any did.
test: setup-test build
	@failed=""; \
	for suite in test-rust test-wasm test-js test-cli test-page test-consumer; do \
	  echo "=== $$suite"; \
	  $(MAKE) --no-print-directory $$suite || failed="$$failed $$suite"; \
	done; \
	if [ -n "$$failed" ]; then echo "FAILED suites:$$failed"; exit 1; fi; \
	echo "all suites passed"

# The core, natively.
test-rust:
	cargo test --quiet

# The bindings under wasm-bindgen-test, in Node and in headless Chromium.
test-wasm:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --test wasm
	WASM_BINDGEN_USE_BROWSER=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --test wasm
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --release --target wasm32-unknown-unknown --test wasm_memory

# One JS suite over the built package, in Node and in Chromium.
test-js:
	node --test tests/js/node.test.mjs tests/js/chromium.test.mjs

# The `taskstatus` command: exact output and exit codes.
test-cli:
	node --test tests/cli/cli.test.mjs

# The page, end to end in Chromium.
test-page:
	node --test tests/page/page.test.mjs

# A throwaway project installs pkg/ and imports it by name.
test-consumer:
	node --test tests/js/consumer.test.mjs

# Throughput against JSON.parse + ajv, size, start-up and streaming memory (docs/PERFORMANCE.md).
# Fuzzing (libFuzzer, nightly via rustup): FUZZ_SECONDS per target. A crash lands in
# fuzz/artifacts/<target>/; copy it to fuzz/regressions/<target>/ so that cargo test replays it.
FUZZ_SECONDS ?= 300
fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@for t in validate_text normalise_text summarise_text stream_chunks; do \
	  mkdir -p fuzz/corpus/$$t; \
	  find tests/fixtures -name '*.json' ! -name '*.expected.json' -exec cp {} fuzz/corpus/$$t/ \; ; \
	  cp fuzz/regressions/$$t/* fuzz/corpus/$$t/ 2>/dev/null || true; \
	  (cd fuzz && cargo +nightly fuzz run --release --sanitizer none $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1) || exit 1; \
	done

# Refreshes docs/screenshot.png (checked in; the README shows it).
screenshot: build
	node scripts/screenshot.mjs

bench: build
	node bench/run.mjs
	node bench/cli-jobs.mjs

fmt:
	cargo fmt
