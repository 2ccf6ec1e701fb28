#!/usr/bin/env bash
# Score `truce extract` on the real UCDP GED headlines (shared/data/real-events):
# country, place, deaths and violence facets (see ../shared/eval/real_events_score.py).
# Usage: bench/real_events.sh      (TRUCE_BIN=path scores a given binary)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
if [ ! -f "$shared/data/real-events/events.jsonl" ]; then
  echo "notice: ../shared/data/real-events is absent; nothing to score" >&2
  exit 0
fi
bin=${TRUCE_BIN:-./target/release/truce}
if [ -z "${TRUCE_BIN:-}" ]; then
  cargo build --release -q -p truce
fi
mkdir -p bench/out
python3 "$shared/eval/real_events_score.py" make-input > bench/out/real_events_input.jsonl
start=$(date +%s.%N)
# A document the engine cannot process is reported on stderr and left out
# (it scores as empty); the run itself must not stop.
"$bin" extract --json bench/out/real_events_input.jsonl > bench/out/real_events_pred.jsonl \
  2> bench/out/real_events_stderr.txt || true
end=$(date +%s.%N)
docs=$(wc -l < bench/out/real_events_pred.jsonl)
problems=$(grep -c . bench/out/real_events_stderr.txt || true)
python3 "$shared/eval/real_events_score.py" bench/out/real_events_pred.jsonl
awk -v s="$start" -v e="$end" -v d="$docs" -v p="$problems" \
  'BEGIN { printf "documents %d, problems reported %d, %.2f s\n", d, p, e - s }'
