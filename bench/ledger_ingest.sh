#!/usr/bin/env bash
# Ledger ingest benchmark: generate N synthetic articles (default 100,000),
# `truce ingest` them into a fresh ledger with the release binary, and report
# documents per second and the database size; then re-run the ingest (all
# content already stored) and time that too.
#
# Usage: bench/ledger_ingest.sh [N]      (TRUCE_BIN=path to measure a given binary)
# Not run by CI (it takes minutes); figures go to docs/benchmarks.md, "Ledger".
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-100000}"
OUT=bench/out/ledger
ARTICLES="$OUT/articles-$N"
DB="$OUT/ledger-$N.db"
mkdir -p "$OUT"

# TRUCE_BIN=path measures a given binary (no build).
if [ -n "${TRUCE_BIN:-}" ]; then
    BIN="$TRUCE_BIN"
else
    cargo build --release -p truce >/dev/null
    BIN=target/release/truce
fi

if [ ! -d "$ARTICLES" ]; then
    python3 bench/gen_articles.py "$ARTICLES" "$N"
fi
rm -f "$DB" "$DB-wal" "$DB-shm"

input_mb=$(du -sm "$ARTICLES" | cut -f1)
echo "== ingest of $N articles ($input_mb MB on disk) into a fresh ledger"
start=$(date +%s.%N)
"$BIN" ingest --db "$DB" "$ARTICLES"
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc -l)

# Fold the WAL into the main file so the size is the ledger's own.
python3 - "$DB" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
c.close()
EOF
bytes=$(stat -c %s "$DB")

echo "== re-ingest (everything already stored)"
start=$(date +%s.%N)
"$BIN" ingest --db "$DB" "$ARTICLES"
end=$(date +%s.%N)
resecs=$(echo "$end - $start" | bc -l)

echo "== a few queries"
for q in "events --limit 1" "events --country AZE --type ASSAULT --limit 1" \
         "events --text shelled --limit 1" "tally --country ARM" "ceasefire list"; do
    qs=$(date +%s.%N)
    # shellcheck disable=SC2086
    "$BIN" $q --db "$DB" >/dev/null
    qe=$(date +%s.%N)
    printf '  truce %-45s %6.2f s\n' "$q" "$(echo "$qe - $qs" | bc -l)"
done

printf '\n| articles | input | ingest | docs/s | database | re-ingest |\n'
printf '|---:|---:|---:|---:|---:|---:|\n'
printf '| %d | %d MB | %.1f s | %.0f | %.1f MB (%.1f kB/doc) | %.1f s |\n' \
    "$N" "$input_mb" "$secs" "$(echo "$N / $secs" | bc -l)" \
    "$(echo "$bytes / 1048576" | bc -l)" "$(echo "$bytes / 1024 / $N" | bc -l)" "$resecs"
