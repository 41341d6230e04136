#!/usr/bin/env bash
# Builds pkg/wasm/ from the crate: cargo (release, wasm32) → wasm-bindgen (--target web,
# one glue for Node and browsers) → wasm-opt. Tools come from scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_OPT_LEVEL=${WASM_OPT_LEVEL:--Oz}

# Source paths in the wasm (panic locations) named the build machine's home and registry;
# they are written relative to each crate's folder instead, whatever machine builds it.
# Fetched first, so that on a fresh machine the registry's folders exist to be named.
cargo fetch --quiet
remap=""
for dir in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  [ -d "$dir" ] && remap="$remap,\"--remap-path-prefix=$dir=\""
done
# Without the `std` feature: the package links no std (src/global.rs, src/wasm.rs).
cargo build --quiet --release --lib --target wasm32-unknown-unknown --no-default-features \
  --config "target.wasm32-unknown-unknown.rustflags=[\"--remap-path-prefix=$PWD/=\"$remap]"
rm -rf pkg/wasm
wasm-bindgen --target web --out-dir pkg/wasm --out-name taskstatus \
  target/wasm32-unknown-unknown/release/taskstatus.wasm
# The features are the ones rustc enables by default for wasm32-unknown-unknown.
# `--low-memory-unused`: Rust's stack runs down from 1 MiB and its data starts there, so the
# first KiB is never addressed; binaryen may then fold constant offsets into loads and stores
# (-0.6 KB gzip). `--converge` repeats the passes while they shrink the module; the
# target-features section only informs linkers. validateMany is as fast (bench/compare.mjs).
# No `memory-packing`: it split rustc's two data segments at every run of zeros into 490,
# whose headers gzip cannot shrink; the zeros it saved compress to almost nothing (-1.5 KB).
node_modules/.bin/wasm-opt "$WASM_OPT_LEVEL" --low-memory-unused --converge --strip-target-features \
  --skip-pass=memory-packing \
  --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-simd --enable-reference-types --enable-multivalue \
  pkg/wasm/taskstatus_bg.wasm -o pkg/wasm/taskstatus_bg.wasm
rm -f pkg/wasm/.gitignore pkg/wasm/package.json
node scripts/write-js.mjs
printf 'pkg/wasm: %s bytes wasm, %s bytes gzip -9\n' \
  "$(wc -c < pkg/wasm/taskstatus_bg.wasm)" "$(gzip -9c pkg/wasm/taskstatus_bg.wasm | wc -c)"
