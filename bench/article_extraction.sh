#!/usr/bin/env bash
# Article-extraction benchmark: truce's HTML main-content extractor against
# trafilatura, in the same run, on the same machine, on one core each.
#
#   bash bench/article_extraction.sh            # full run
#   SKIP_PEER=1 bash bench/article_extraction.sh # ours only
#
# Data: ../shared/data/article-extraction (181 news pages, ground truth).
# Ours: crates/clean/examples/article_extraction.rs (all pages decompressed
# into memory first, only the clean_html calls timed, median of 3 runs).
# Peer: bench/article_extraction_peer.py, trafilatura 2.3.1 called as
# extract(html, include_comments=False), timed the same way (PEERS.md).
# Scores: shared/eval/article_extraction_score.py. Peak memory: /usr/bin/time -v.
# Outputs land in bench/out/article_extraction/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA="$ROOT/../shared/data/article-extraction"
SCORER="$ROOT/../shared/eval/article_extraction_score.py"
OUT="$ROOT/bench/out/article_extraction"
VENV="$ROOT/bench/out/venv"
CORE=${BENCH_CORE:-0}

if [[ ! -d "$DATA/html" ]]; then
    echo "SKIP: $DATA not found (the benchmark needs ../shared)" >&2
    exit 0
fi
mkdir -p "$OUT"

PIN=()
if command -v taskset >/dev/null; then PIN=(taskset -c "$CORE"); fi

# Peak resident memory (kB) from a /usr/bin/time -v log.
peak_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }

timed() {
    local log=$1
    shift
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v -o "$log" "$@"
    else
        echo "Maximum resident set size (kbytes): 0" >"$log"
        "$@"
    fi
}

score() {
    python3 "$SCORER" "$1" --bootstrap 1000 >"$2"
    cat "$2"
}

metric() { awk -v k="$1" '$1 == k {print $2}' "$2"; }

echo "== build (release)"
cargo build --release -p truce-clean --example article_extraction
cargo build --release -p truce

echo "== truce clean_html (core $CORE)"
timed "$OUT/truce.time" "${PIN[@]}" "$ROOT/target/release/examples/article_extraction" \
    "$DATA/html" "$OUT/truce_pred.json" "$OUT/truce_timing.json"
score "$OUT/truce_pred.json" "$OUT/truce_score.txt"

echo "== truce extract --json (the CLI path; scored, not timed)"
# A failure on some page must not stop the benchmark: missing pages score as empty.
"$ROOT/target/release/truce" extract --json --quiet "$DATA/html" >"$OUT/truce_extract.jsonl" \
    2>"$OUT/truce_extract.err" || echo "warning: truce extract failed on some pages (see $OUT/truce_extract.err)" >&2
echo "records: $(wc -l <"$OUT/truce_extract.jsonl")"
score "$OUT/truce_extract.jsonl" "$OUT/truce_extract_score.txt"

PEER_RATE=""
if [[ -z "${SKIP_PEER:-}" ]]; then
    if ! "$VENV/bin/python" -c "import trafilatura, lxml_html_clean" 2>/dev/null; then
        echo "== installing trafilatura 2.3.1 into $VENV"
        python3 -m venv "$VENV"
        "$VENV/bin/pip" install --quiet "trafilatura==2.3.1" "lxml_html_clean==0.4.6"
    fi
    echo "== trafilatura (core $CORE)"
    timed "$OUT/peer.time" "${PIN[@]}" "$VENV/bin/python" "$ROOT/bench/article_extraction_peer.py" \
        "$DATA/html" "$OUT/peer_pred.json" "$OUT/peer_timing.json"
    score "$OUT/peer_pred.json" "$OUT/peer_score.txt"
    PEER_RATE=$(python3 -c "import json;print(json.load(open('$OUT/peer_timing.json'))['pages_per_sec'])")
fi

OURS_RATE=$(python3 -c "import json;print(json.load(open('$OUT/truce_timing.json'))['pages_per_sec'])")
OURS_MBS=$(python3 -c "import json;print(json.load(open('$OUT/truce_timing.json'))['mb_per_sec'])")
{
    echo "date: $(date -u +%Y-%m-%d)"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    printf 'truce clean_html: F1 %s P %s R %s acc %s | %.1f pages/s, %.1f MB/s | peak RSS %s kB\n' \
        "$(metric F1 "$OUT/truce_score.txt")" "$(metric precision "$OUT/truce_score.txt")" \
        "$(metric recall "$OUT/truce_score.txt")" "$(metric accuracy "$OUT/truce_score.txt")" \
        "$OURS_RATE" "$OURS_MBS" "$(peak_kb "$OUT/truce.time")"
    echo "truce extract --json: F1 $(metric F1 "$OUT/truce_extract_score.txt")"
    if [[ -n "$PEER_RATE" ]]; then
        PEER_MBS=$(python3 -c "import json;print(json.load(open('$OUT/peer_timing.json'))['mb_per_sec'])")
        printf 'trafilatura 2.3.1: F1 %s P %s R %s acc %s | %.1f pages/s, %.1f MB/s | peak RSS %s kB\n' \
            "$(metric F1 "$OUT/peer_score.txt")" "$(metric precision "$OUT/peer_score.txt")" \
            "$(metric recall "$OUT/peer_score.txt")" "$(metric accuracy "$OUT/peer_score.txt")" \
            "$PEER_RATE" "$PEER_MBS" "$(peak_kb "$OUT/peer.time")"
        python3 -c "print('speed ratio (truce / trafilatura, one core each): %.1fx' % ($OURS_RATE / $PEER_RATE))"
    fi
} | tee "$OUT/summary.txt"
