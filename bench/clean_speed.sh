#!/usr/bin/env bash
# Throughput of the clean stage alone (truce_clean::clean), on one core:
# many small documents (text and HTML separately) and one 5 MB text document
# (cleaning must stay linear in a document's size).
# Inputs: the devset articles in ../shared, else the clean fixtures in tests/fixtures/clean.
# Usage: bench/clean_speed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/data/devset
if [ -d "$shared" ]; then
  inputs=("$shared"/*.txt "$shared"/*.html)
else
  echo "notice: ../shared is absent; using tests/fixtures/clean" >&2
  inputs=(tests/fixtures/clean/*.txt)
fi
cargo run --release -q -p truce-clean --example clean_speed -- "${inputs[@]}"
