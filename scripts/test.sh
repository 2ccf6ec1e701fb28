#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests.
# Tests that read ../shared/ skip with a notice when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo build --release (the scorer tests run the release binary)"
cargo build --release --locked -p truce
echo "== cargo test"
cargo test --workspace --locked
