#!/usr/bin/env bash
# Installs what is missing, and nothing that is already there (fast on a second run).
#   scripts/setup.sh build   the wasm target, wasm-bindgen-cli (the version Cargo.lock names),
#                            the npm dev dependencies (wasm-opt comes from npm's binaryen)
#   scripts/setup.sh test    all of the above, plus Debian's chromium and chromium-driver
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}
say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate exactly; Cargo.lock is the one place that says which.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$want" != "$have" ]; then
  say "installing wasm-bindgen-cli $want (found '${have:-none}'); this takes about 3 minutes"
  # --locked has failed when the registry index lagged behind the CLI's own lockfile.
  cargo install --quiet --locked wasm-bindgen-cli --version "=$want" \
    || cargo install --quiet wasm-bindgen-cli --version "=$want"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing the npm dev dependencies"
  # The lock file lists rollup's (Vite's bundler) optional platform packages; npm installs
  # only this machine's. `npm install` follows the lock file and leaves it unchanged (a fresh
  # clone's `make test` leaves the tree clean); unlike `npm ci`, it keeps what is installed.
  npm install --no-audit --no-fund --loglevel=error
fi

if [ "$what" = test ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing Debian's chromium and chromium-driver"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
fi
exit 0
