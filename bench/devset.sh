#!/usr/bin/env bash
# Score `truce extract` on the shared development set (per-document lines too).
# Usage: bench/devset.sh [extra scorer args]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
if [ ! -d "$shared/data/devset" ]; then
  echo "notice: ../shared is absent; nothing to score" >&2
  exit 0
fi
cargo build --release -q -p truce
mkdir -p bench/out
./target/release/truce extract --json "$shared"/data/devset/*.txt "$shared"/data/devset/*.html "$shared"/data/devset/*.xml > bench/out/devset.jsonl
python3 "$shared/eval/score_extraction.py" "$shared/data/devset/gold.jsonl" bench/out/devset.jsonl --per-doc "$@"
