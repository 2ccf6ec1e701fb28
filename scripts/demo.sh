#!/usr/bin/env bash
# The main job in one command: build truce (release), build a ledger from the sample
# articles in samples/, show what it found, and serve the dashboard and JSON API over it.
#
#   ./scripts/demo.sh                       # then open the address it prints
#   TRUCE_ADDR=127.0.0.1:9000 ./scripts/demo.sh
#
# Nothing is fetched from the network: the dashboard (map outlines included) is in the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

addr="${TRUCE_ADDR:-127.0.0.1:8080}"
db="target/demo/truce-demo.db"
# A token for this run, so articles can be added while the page is open (see below).
token="${TRUCE_TOKEN:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}"

echo "== building truce (release)"
cargo build --release --locked -p truce
truce=./target/release/truce

echo "== building the ledger from samples/"
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
"$truce" ingest --db "$db" samples/

echo
echo "== events in the ledger"
"$truce" events --db "$db" --limit 15
echo

url="http://$addr/"
cat <<MSG
== serving the dashboard and the API
   open:        $url
   API:         ${url}api/events   (described at ${url}api/openapi.json)
   add article: curl -H 'Authorization: Bearer $token' --data-binary @FILE '${url}api/documents?name=FILE'
                (it appears on the open page without a reload)
   stop:        Ctrl-C
MSG
exec "$truce" serve --db "$db" --addr "$addr" --token "$token"
