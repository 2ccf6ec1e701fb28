#!/usr/bin/env bash
# Load test of `truce serve`: 20 concurrent clients for 30 s against /api/events over the
# devset ledger (../shared/data/devset; the repo's samples/ when ../shared is absent),
# then the same with a mix of dashboard queries (bench/serve_load.lua). Prints wrk's
# latency distribution (p50/p75/p90/p99) and keeps it in bench/out/serve_load.txt.
# Traffic goes only to 127.0.0.1. Needs wrk (Debian package `wrk`; installed when root).
#
# Usage: bench/serve_load.sh [SECONDS] [CLIENTS]
#        TRUCE_BIN=path/to/truce bench/serve_load.sh   (measure that binary, no build)
set -euo pipefail
cd "$(dirname "$0")/.."

secs="${1:-30}"
clients="${2:-20}"
out=bench/out
mkdir -p "$out"

if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "== installing wrk"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >/dev/null
    else
        echo "error: wrk is not installed (apt-get install wrk)" >&2
        exit 1
    fi
fi

truce="${TRUCE_BIN:-}"
if [ -z "$truce" ]; then
    echo "== building truce (release)"
    cargo build --release --locked -q -p truce
    truce=./target/release/truce
fi

corpus=../shared/data/devset
if [ -d "$corpus" ]; then
    # The articles only (the folder also holds its README and gold annotations).
    inputs=("$corpus"/*.txt "$corpus"/*.html "$corpus"/*.xml)
else
    echo "notice: $corpus is absent; measuring over samples/ instead"
    corpus=samples
    inputs=(samples)
fi
db="$out/serve_load.db"
rm -f "$db" "$db-wal" "$db-shm"
echo "== building the ledger from $corpus"
"$truce" ingest --quiet --db "$db" "${inputs[@]}"

start_server() {
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    base="http://127.0.0.1:$port"
    "$truce" serve --db "$db" --addr "127.0.0.1:$port" "$@" >>"$out/serve_load.server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 100); do
        curl -fs -o /dev/null "$base/api/events" && return 0
        sleep 0.1
    done
    echo "error: truce serve did not start (see $out/serve_load.server.log)" >&2
    exit 1
}
stop_server() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
}
trap stop_server EXIT
: >"$out/serve_load.server.log"

start_server
events=$(curl -fs "$base/api/events?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')

{
    echo "# truce serve load test, $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "# ledger: $corpus -> $events events; $clients clients, ${secs}s per run; $(nproc) cores"
    echo "# machine: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "## GET /api/events (first page, 100 events)"
    wrk -t2 -c"$clients" -d"${secs}s" --latency "$base/api/events"
    echo
    echo "## mixed dashboard queries (bench/serve_load.lua)"
    wrk -t2 -c"$clients" -d"${secs}s" --latency -s bench/serve_load.lua "$base"
    stop_server
    start_server --no-cache
    echo
    echo "## GET /api/events with --no-cache (every answer read from SQLite and serialised)"
    wrk -t2 -c"$clients" -d"${secs}s" --latency "$base/api/events"
    stop_server
} | tee "$out/serve_load.txt"
